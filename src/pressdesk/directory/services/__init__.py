"""Writes with a rule in the directory. Each one is audited and keeps the search index in step.

Callers use ``services.<noun>_<verb>``; the functions live in modules by what they change.
"""

from pressdesk.directory.services.common import ContactInput
from pressdesk.directory.services.contacts import contact_add, contact_confirm, contact_invalidate, contact_remove
from pressdesk.directory.services.journalists import (
    ERASED,
    JOURNALIST_FIELDS,
    journalist_create,
    journalist_erase,
    journalist_merge,
    journalist_move,
    journalist_trust,
    journalist_update,
)
from pressdesk.directory.services.outlets import OUTLET_FIELDS, outlet_close, outlet_create, outlet_update
from pressdesk.directory.services.partners import partner_person_add, partner_person_remove, partner_save
from pressdesk.directory.services.segments import segment_delete, segment_save

__all__ = [
    "ERASED",
    "JOURNALIST_FIELDS",
    "OUTLET_FIELDS",
    "ContactInput",
    "contact_add",
    "contact_confirm",
    "contact_invalidate",
    "contact_remove",
    "journalist_create",
    "journalist_erase",
    "journalist_merge",
    "journalist_move",
    "journalist_trust",
    "journalist_update",
    "outlet_close",
    "outlet_create",
    "outlet_update",
    "partner_person_add",
    "partner_person_remove",
    "partner_save",
    "segment_delete",
    "segment_save",
]
