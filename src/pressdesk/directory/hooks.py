"""What modules downstream of the directory do when a journalist's record is erased, without the directory importing
them.

A module that keeps something about a journalist (accreditation's
applications, passes and their files, say) registers a callback with
``on_erase`` when it starts. ``services.journalist_erase`` calls ``erased``
inside its transaction, after the record itself is anonymised, so whatever the
callbacks change commits or rolls back with the erasure. A callback that
raises undoes the erasure.
"""

from __future__ import annotations

from collections.abc import Callable

from pressdesk.core.models import User
from pressdesk.directory.models import Journalist

# callback(journalist=, actor=): the record is already anonymised (``erased_at`` set).
EraseCallback = Callable[..., None]
_erase: list[EraseCallback] = []


def on_erase(callback: EraseCallback) -> EraseCallback:
    """Call ``callback`` for every erased record (registering twice calls it once)."""
    if callback not in _erase:
        _erase.append(callback)
    return callback


def erased(journalist: Journalist, *, actor: User) -> None:
    for callback in list(_erase):
        callback(journalist=journalist, actor=actor)
