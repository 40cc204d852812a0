"""Pickup: stories that reprint our own published materials, and what each release achieved.

**Linking** (``link``). Every language version of every material public in the last
``WINDOW`` (``Material.objects.public()``) has a MinHash signature made the same
way as a clipping's (``clustering.minhash`` over title, summary and text), kept in an
LSH index tuned to ``THRESHOLD`` — lower than the reprint threshold, because an
outlet that takes a release cuts it, adds a lead or a quote of its own. A clipping
similar enough to a version, and published no earlier than ``EARLY`` before the
material went public (embargoed copies reach journalists before that), links its
story to the material; a story is linked once.

The index is rebuilt when the set of those materials or any of their versions
changes (a count and the latest change time, asked once per batch).

**Figures** (``pickups``): per material, its clippings, the outlets that took it,
their reach (each outlet counted once, at the largest reach recorded), the first
pickup and how long after publication it came.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from datasketch import LeanMinHash, MinHashLSH
from django.db.models import Count, Max, Q
from django.utils import timezone

from pressdesk.monitoring.clustering import NUM_PERM, minhash, similarity
from pressdesk.monitoring.models import Clipping, Story
from pressdesk.publications.models import Material, MaterialVersion
from pressdesk.publications.rendering import plain_text

WINDOW = datetime.timedelta(days=30)
THRESHOLD = 0.3
EARLY = datetime.timedelta(hours=2)


def version_text(version: MaterialVersion) -> str:
    return "\n".join([version.title, version.summary, plain_text(version.body)])


def _recent(now: datetime.datetime):
    return Material.objects.public(now).with_public_time().filter(shown_at__gte=now - WINDOW)


class MaterialIndex:
    """Signatures of the versions of recently public materials."""

    def __init__(self, now: datetime.datetime | None = None, threshold: float = THRESHOLD):
        now = now or timezone.now()
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.versions: dict[str, tuple[int, datetime.datetime, LeanMinHash]] = {}
        self.state = state(now)
        materials = _recent(now).prefetch_related("translations")
        for material in materials:
            for version in material.translations.all():
                signature = minhash(version_text(version), version.language)
                if signature is not None:
                    key = f"{material.pk}:{version.language}"
                    self.lsh.insert(key, signature)
                    self.versions[key] = (material.pk, material.shown_at, signature)

    def nearest(self, signature: LeanMinHash, published_at: datetime.datetime) -> tuple[int, float] | None:
        """The material the text reprints best (its id and the similarity), or None."""
        best: tuple[int, float] | None = None
        for key in self.lsh.query(signature):
            material_id, public_at, other = self.versions[key]
            if published_at < public_at - EARLY:
                continue
            score = similarity(signature, other)
            if score >= self.threshold and (best is None or score > best[1]):
                best = (material_id, score)
        return best

    def __len__(self) -> int:
        return len(self.versions)


def state(now: datetime.datetime) -> tuple:
    """What the index was built from: changes when a material becomes public, leaves, or a version is edited."""
    materials = _recent(now)
    figures = materials.aggregate(count=Count("pk"), changed=Max("updated_at"))
    edited = MaterialVersion.objects.filter(parent__in=materials).aggregate(changed=Max("updated_at"))["changed"]
    # The window moves on: a material leaves it at midnight of the day it turns WINDOW old, not mid-batch.
    return (figures["count"], figures["changed"], edited, timezone.localdate(now))


_shared: MaterialIndex | None = None
_lock = threading.Lock()


def shared_index() -> MaterialIndex:
    """The process's index of materials, rebuilt when they changed."""
    global _shared
    now = timezone.now()
    with _lock:
        if _shared is None or _shared.state != state(now):
            _shared = MaterialIndex(now)
        return _shared


def reset_shared_index() -> None:
    global _shared
    with _lock:
        _shared = None


def link(story: Story, clipping: Clipping, signature: LeanMinHash | None, index: MaterialIndex) -> int | None:
    """Link the clipping's story to the material it reprints; returns the material's id, or None."""
    if story.material_id is not None:
        return story.material_id
    if signature is None:
        return None
    found = index.nearest(signature, clipping.published_at)
    if found is None:
        return None
    Story.objects.filter(pk=story.pk, material__isnull=True).update(material_id=found[0])
    story.material_id = found[0]
    return found[0]


# Figures


@dataclass
class Pickup:
    material_id: int
    public_at: datetime.datetime | None
    clippings: int = 0
    outlet_ids: list[int] = field(default_factory=list)
    reach: int = 0
    first_at: datetime.datetime | None = None

    @property
    def outlets(self) -> int:
        return len(self.outlet_ids)

    @property
    def time_to_first(self) -> datetime.timedelta | None:
        if self.first_at is None or self.public_at is None:
            return None
        return max(self.first_at - self.public_at, datetime.timedelta(0))


def pickups(materials: Iterable[Material]) -> dict[int, Pickup]:
    """The pickup of each material (two queries however many), by material id."""
    out = {material.pk: Pickup(material.pk, material.public_at) for material in materials}
    if not out:
        return out
    reach: dict[int, dict[int, int]] = {pk: {} for pk in out}
    rows = Clipping.objects.filter(story__material__in=list(out)).values_list(
        "story__material_id", "outlet_id", "reach", "published_at"
    )
    for material_id, outlet_id, outlet_reach, published_at in rows:
        pickup = out[material_id]
        pickup.clippings += 1
        if pickup.first_at is None or published_at < pickup.first_at:
            pickup.first_at = published_at
        if outlet_id is not None:
            reach[material_id][outlet_id] = max(reach[material_id].get(outlet_id, 0), outlet_reach or 0)
    for material_id, by_outlet in reach.items():
        out[material_id].outlet_ids = sorted(by_outlet)
        out[material_id].reach = sum(by_outlet.values())
    return out


def pickups_between(start: datetime.datetime, end: datetime.datetime) -> list[Pickup]:
    """The pickup of every material that went public in ``[start, end)``, earliest first (the digest's yesterday)."""
    materials = (
        Material.objects.public(end)
        .with_public_time()
        .filter(Q(shown_at__gte=start) & Q(shown_at__lt=end))
        .order_by("shown_at", "pk")
    )
    return list(pickups(materials).values())
