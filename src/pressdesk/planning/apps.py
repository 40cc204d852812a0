from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "pressdesk.planning"
    label = "planning"
    verbose_name = _("Press plan and the network")

    def ready(self) -> None:
        # Actions and navigation; each part's audit words and dashboard card; the demo press plan.
        from pressdesk.planning import (  # noqa: F401
            analysis,
            cards,
            cards_network,
            demo,
            instructions,
            notes,
            plan_services,
            registry,
        )

        demo.register()
