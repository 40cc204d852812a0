from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "pressdesk.reports"
    label = "reports"
    verbose_name = _("Analytics and reports")

    def ready(self) -> None:
        from pressdesk.reports import registry  # noqa: F401  (actions, navigation, audit words)
