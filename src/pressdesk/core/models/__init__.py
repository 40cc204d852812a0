from pressdesk.core.models.accounts import SignInAttempt, User, UserKind
from pressdesk.core.models.audit import AuditEntry
from pressdesk.core.models.calendar import CalendarDay, DayKind
from pressdesk.core.models.jobs import JobRun, WorkerHeartbeat
from pressdesk.core.models.submissions import Submission
from pressdesk.core.models.translations import NamedMixin, NameTranslation, TranslatableMixin, TranslationBase
from pressdesk.core.models.units import Membership, Role, Unit, UnitKind, UnitTranslation

__all__ = [
    "AuditEntry",
    "CalendarDay",
    "DayKind",
    "JobRun",
    "Membership",
    "NameTranslation",
    "NamedMixin",
    "Role",
    "SignInAttempt",
    "Submission",
    "TranslatableMixin",
    "TranslationBase",
    "Unit",
    "UnitKind",
    "UnitTranslation",
    "User",
    "UserKind",
    "WorkerHeartbeat",
]
