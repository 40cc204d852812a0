from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "pressdesk.distribution"
    label = "distribution"
    verbose_name = _("Distribution")

    def ready(self) -> None:
        from pressdesk.distribution import demo, registry  # noqa: F401  (actions, navigation, audit words)

        demo.register()
