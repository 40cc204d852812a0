from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pressdesk.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from pressdesk.core import cards  # noqa: F401  (registers the core dashboard cards)
