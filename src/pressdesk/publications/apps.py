from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "pressdesk.publications"
    label = "publications"
    verbose_name = _("Materials")

    def ready(self) -> None:
        from pressdesk.publications import demo, indexing, registry  # noqa: F401  (actions, navigation, audit words, search)

        demo.register()
