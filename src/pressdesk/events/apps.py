from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "pressdesk.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from pressdesk.events import demo, registry  # noqa: F401  (actions, navigation, audit words)

        demo.register()
