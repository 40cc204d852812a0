from pressdesk.directory.models.common import Contact, ContactKind, language_list, language_set
from pressdesk.directory.models.imports import ImportJob
from pressdesk.directory.models.journalists import Beat, BeatTranslation, ConsentBasis, Journalist, Position
from pressdesk.directory.models.outlets import (
    FeedKind,
    Outlet,
    OutletFeed,
    OutletKind,
    OutletLevel,
    OutletStatus,
    OutletTranslation,
    Ownership,
)
from pressdesk.directory.models.partners import Partner, PartnerKind, PartnerPerson, PartnerTranslation
from pressdesk.directory.models.segments import Segment

__all__ = [
    "Beat",
    "BeatTranslation",
    "ConsentBasis",
    "Contact",
    "ContactKind",
    "FeedKind",
    "ImportJob",
    "Journalist",
    "Outlet",
    "OutletFeed",
    "OutletKind",
    "OutletLevel",
    "OutletStatus",
    "OutletTranslation",
    "Ownership",
    "Partner",
    "PartnerKind",
    "PartnerPerson",
    "PartnerTranslation",
    "Position",
    "Segment",
    "language_list",
    "language_set",
]
