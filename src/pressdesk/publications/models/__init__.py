from pressdesk.publications.models.bulletins import Bulletin, BulletinItem
from pressdesk.publications.models.materials import (
    EDITABLE,
    PUBLIC,
    ApprovalRule,
    Comment,
    Correction,
    CorrectionNote,
    Material,
    MaterialKind,
    MaterialVersion,
    Revision,
    Status,
    Topic,
    TopicName,
)
from pressdesk.publications.models.media import MediaAlt, MediaAsset, MediaSection

__all__ = [
    "EDITABLE",
    "PUBLIC",
    "ApprovalRule",
    "Bulletin",
    "BulletinItem",
    "Comment",
    "Correction",
    "CorrectionNote",
    "Material",
    "MaterialKind",
    "MaterialVersion",
    "MediaAlt",
    "MediaAsset",
    "MediaSection",
    "Revision",
    "Status",
    "Topic",
    "TopicName",
]
