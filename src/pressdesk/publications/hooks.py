"""What modules downstream of publications do when a material changes, without publications importing them.

A module that keeps something going out with a material (distribution's
mailings, say) registers a callback with ``on_withdrawn`` when it starts.
``services.withdraw`` calls ``withdrawn`` inside its transaction once the
material is withdrawn, so whatever the callbacks write commits or rolls back
with the withdrawal itself. A callback that raises undoes the withdrawal.
"""

from __future__ import annotations

from collections.abc import Callable

from pressdesk.core.models import User
from pressdesk.publications.models import Material

# callback(material=, actor=, reason=): the material is already withdrawn.
WithdrawnCallback = Callable[..., None]
_withdrawn: list[WithdrawnCallback] = []


def on_withdrawn(callback: WithdrawnCallback) -> WithdrawnCallback:
    """Call ``callback`` after every withdrawal of a material (registering twice calls it once)."""
    if callback not in _withdrawn:
        _withdrawn.append(callback)
    return callback


def withdrawn(material: Material, *, actor: User, reason: str) -> None:
    for callback in list(_withdrawn):
        callback(material=material, actor=actor, reason=reason)
