"""What modules downstream of events do when an event changes, without events importing them.

A module that keeps something dated by an event (accreditation's per-event
passes, say) registers a callback with ``on_moved`` when it starts.
``services.change_event`` calls ``moved`` inside its transaction once an
event's start or end has changed, so whatever the callbacks write commits or
rolls back with the move itself. A callback that raises undoes the move.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from pressdesk.core.models import User
from pressdesk.events.models import Event

# callback(event=, actor=, old_start=, old_end=): the event already carries its new times.
MovedCallback = Callable[..., None]
_moved: list[MovedCallback] = []


def on_moved(callback: MovedCallback) -> MovedCallback:
    """Call ``callback`` after every move of an event (registering twice calls it once)."""
    if callback not in _moved:
        _moved.append(callback)
    return callback


def moved(event: Event, *, actor: User, old_start: datetime.datetime, old_end: datetime.datetime) -> None:
    for callback in list(_moved):
        callback(event=event, actor=actor, old_start=old_start, old_end=old_end)
