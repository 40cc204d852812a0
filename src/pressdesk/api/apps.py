from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "pressdesk.api"
    label = "api"
    verbose_name = _("JSON API")

    def ready(self) -> None:
        from pressdesk.api import registry  # noqa: F401  (the token action and the audit labels)
