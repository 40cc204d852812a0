from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "pressdesk.monitoring"
    label = "monitoring"
    verbose_name = _("Media monitoring")

    def ready(self) -> None:
        from pressdesk.monitoring import demo, indexing, registry  # noqa: F401  (actions, navigation, search kind)

        demo.register()
