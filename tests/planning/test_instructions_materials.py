"""The material an instruction names: public by its due time, never a staff-only kind; a scheduled one says when."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core.models import Role
from pressdesk.core.services import DomainError
from pressdesk.core.templatetags.l10n_kk import ldatetime
from pressdesk.planning.models import Instruction
from pressdesk.publications import notify
from pressdesk.publications.models import Material, MaterialKind, Status
from tests.conftest import run_queued_tasks, verified_client
from tests.planning.network_fixtures import Network
from tests.publications.materials import Desk

HOUR = datetime.timedelta(hours=1)


class Materials(Desk):
    """The centre's materials, written by officer Olzhas and approved by the network's press secretary Aigerim."""

    def __init__(self, world, secretary):
        self.world, self.secretary = world, secretary
        self.officer = world.person("olzhas", Role.PRESS_OFFICER, world.body)
        self.head = world.person("serik", Role.HEAD, world.body)


@pytest.fixture
def network(world) -> Network:
    return Network(world)


@pytest.fixture
def materials(world, network) -> Materials:
    return Materials(world, network.secretary)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"), notify.quiet():
        yield


@pytest.mark.django_db
def test_a_staff_only_material_is_neither_offered_nor_accepted(network, materials):
    answers = materials.approved(MaterialKind.QA)
    # Lines to take are never published by the desk; even one marked published (older data) stays inside.
    Material.objects.filter(pk=answers.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    release = materials.published()
    page = verified_client(network.secretary).get("/en/planning/network/instructions/new/").content.decode()
    assert f'<option value="{release.pk}"' in page and f'<option value="{answers.pk}"' not in page
    with pytest.raises(DomainError, match="for staff only"):
        network.send(material=answers)
    assert not Instruction.objects.exists()


@pytest.mark.django_db
def test_a_material_public_only_after_the_due_time_is_refused(network, materials):
    late = materials.scheduled(timezone.now() + 6 * HOUR)
    with pytest.raises(DomainError, match="not public by the due time"):
        network.send(material=late, due_in=5 * HOUR)
    assert not Instruction.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_material_scheduled_before_the_due_time_is_named_with_the_moment_it_goes_public(network, materials, smtp):
    at = timezone.now() + 3 * HOUR
    instruction = network.send(material=materials.scheduled(at), due_in=5 * HOUR, units=[network.world.medeu])
    run_queued_tasks()
    receipt = instruction.receipts.get()
    page = verified_client(network.dana).get(f"/en/planning/network/to-us/{receipt.pk}/").content.decode()
    assert f"public from {ldatetime(at)}" in page
    with translation.override("kk"):
        moment = ldatetime(at)
    [letter] = smtp.messages
    assert moment in letter.get_content()
