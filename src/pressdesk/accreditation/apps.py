from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "pressdesk.accreditation"
    label = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self) -> None:
        from pressdesk.accreditation import registry  # noqa: F401  (actions, navigation, audit words)
