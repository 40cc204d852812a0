from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "pressdesk.planning"
    label = "planning"
    verbose_name = _("Press plan and the network")

    def ready(self) -> None:
        from pressdesk.planning import registry  # noqa: F401  (actions, navigation)
        from pressdesk.planning import cards, demo, plan_services  # noqa: F401  (press plan: card, audit words, demo)
        from pressdesk.planning import cards_network, instructions  # noqa: F401  (network: cards, audit words)
        from pressdesk.planning import analysis, notes  # noqa: F401  (advice notes and analyses: actions, audit words)
        demo.register()  # the demo press plan
