from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "pressdesk.directory"
    label = "directory"
    verbose_name = _("Media directory")

    def ready(self) -> None:
        from pressdesk.directory import demo, registry  # noqa: F401  (actions, navigation, cards, audit labels, search)

        demo.register()
