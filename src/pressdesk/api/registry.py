"""What the API adds to core when it starts: who may hold a personal token, and audit words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit
from pressdesk.core.permissions import ALL_ROLES, register_action

# Holding any staff role is what lets a token work; each endpoint then checks its own action.
USE_API = "api.use"

register_action(USE_API, _("Use the JSON API with a personal token"), ALL_ROLES)

audit.register_labels(
    {
        "api.token.created": _("API token created"),
        "api.token.revoked": _("API token revoked"),
    }
)
