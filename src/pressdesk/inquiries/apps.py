from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "pressdesk.inquiries"
    label = "inquiries"
    verbose_name = _("Media inquiries")

    def ready(self) -> None:
        from pressdesk.inquiries import demo, registry  # noqa: F401  (actions, navigation, audit labels)

        demo.register()
