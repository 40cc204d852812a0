"""Role × action × unit: who may do what, where. And no staff page skips the check."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from pressdesk.core.models import Role
from pressdesk.core.permissions import SUBTREE_ROLES, actions, has_perm, units_for
from tests.conftest import verified_client

# What each role may do (core actions). A new core action must be added here.
EXPECTED = {
    "core.view_dashboard": set(Role.values),
    "core.view_unit": set(Role.values),
    "core.view_audit": {Role.HEAD, Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY},
    "core.manage_staff": {Role.PRESS_SECRETARY},
    "core.view_security": {Role.PRESS_SECRETARY},
    "core.manage_calendar": {Role.PRESS_SECRETARY},
}


def test_every_core_action_is_in_the_expected_table():
    core_actions = {code for code in actions() if code.startswith("core.")}
    assert core_actions == set(EXPECTED)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_action_unit_matrix(world, role, action):
    """A role held at the body reaches the whole tree if it is a centre role; held in a
    district it reaches that district only; never a sibling district."""
    extra = {"valid_until": timezone.localdate() + datetime.timedelta(days=30)} if role == Role.CONSULTANT else {}
    at_body = world.person(f"body-{role}", role, world.body, **extra)
    at_almaly = world.person(f"almaly-{role}", role, world.almaly, **extra)
    allowed = role in EXPECTED[action]

    assert has_perm(at_body, action, world.body) is allowed
    assert has_perm(at_body, action, world.almaly) is (allowed and role in SUBTREE_ROLES)
    assert has_perm(at_almaly, action, world.almaly) is allowed
    assert has_perm(at_almaly, action, world.medeu) is False
    assert has_perm(at_almaly, action, world.body) is False
    assert set(units_for(at_almaly, action)) == ({world.almaly} if allowed else set())


def test_a_consultant_loses_access_after_the_end_date(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    consultant = world.person("olga", Role.CONSULTANT, world.mobility, valid_until=yesterday)
    assert has_perm(consultant, "core.view_unit", world.mobility) is False
    response = verified_client(consultant).get(f"/kk/units/{world.mobility.pk}/")
    assert response.status_code == 403


def test_a_journalist_has_no_staff_permission(world, journalist):
    assert has_perm(journalist, "core.view_unit", world.body) is False
    response = verified_client(journalist).get("/kk/desk/")
    assert response.status_code == 302 and "/signin/" in response["Location"]


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def test_every_page_declares_its_permission():
    """A view without a permission mark (staff_view, unit_view, public_view, journalist_view)
    fails this test, so no page can skip the permission layer."""
    unmarked = []
    for route, callback in _walk(get_resolver().url_patterns):
        if route.startswith("admin/") or route.startswith("^static") or route.startswith("media/"):
            continue  # Django admin has its own superuser-and-second-factor check (core/admin.py)
        if not hasattr(callback, "permission_action"):
            unmarked.append(route)
    assert unmarked == []


def test_every_unit_scoped_route_uses_unit_view():
    for route, callback in _walk(get_resolver().url_patterns):
        if "<int:unit_id>" in route:
            assert getattr(callback, "permission_scope", None) == "unit", route


@pytest.mark.parametrize("path", ["/kk/units/{medeu}/", "/kk/units/{medeu}/roles/new/"])
def test_unit_press_secretary_is_refused_another_units_pages(world, unit_press_secretary, path):
    client = verified_client(unit_press_secretary)
    response = client.get(path.format(medeu=world.medeu.pk))
    assert response.status_code == 403
    assert "Медеу" not in response.content.decode()  # nothing of the other unit is shown


def test_unit_press_secretary_sees_own_unit(world, unit_press_secretary):
    response = verified_client(unit_press_secretary).get(f"/kk/units/{world.almaly.pk}/")
    assert response.status_code == 200
    assert "Алмалы ауданы" in response.content.decode()


def test_unknown_unit_is_not_found(world, press_secretary):
    assert verified_client(press_secretary).get("/kk/units/999999/").status_code == 404


def test_staff_pages_redirect_anonymous_visitors_to_sign_in(world):
    from django.test import Client

    response = Client().get(f"/ru/units/{world.body.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/signin/?next=")


def test_password_alone_does_not_open_staff_pages(world, press_secretary):
    """A session that passed the password but not the second factor is not signed in."""
    from django.test import Client

    from tests.conftest import PASSWORD

    client = Client()
    client.post("/kk/signin/", {"email": press_secretary.email, "password": PASSWORD})
    response = client.get("/kk/desk/")
    assert response.status_code == 302 and "/signin/" in response["Location"]


def test_press_secretary_gives_and_takes_away_a_role_with_audit(world, press_secretary):
    from pressdesk.core.models import AuditEntry, Membership

    officer = world.person("daniyar", None, None)
    client = verified_client(press_secretary)
    response = client.post(
        f"/kk/units/{world.mobility.pk}/roles/new/", {"email": officer.email, "role": Role.PRESS_OFFICER}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=officer, unit=world.mobility)
    entry = AuditEntry.objects.filter(action="core.role.granted").latest("at")
    assert entry.actor == press_secretary and entry.after["role"] == Role.PRESS_OFFICER

    client.post(f"/kk/units/{world.mobility.pk}/roles/{membership.pk}/revoke/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="core.role.revoked", actor=press_secretary).exists()


def test_unit_press_secretary_cannot_give_roles_even_in_own_unit(world, unit_press_secretary):
    other = world.person("someone", None, None)
    response = verified_client(unit_press_secretary).post(
        f"/kk/units/{world.almaly.pk}/roles/new/", {"email": other.email, "role": Role.PRESS_SECRETARY}
    )
    assert response.status_code == 403
    assert not other.memberships.exists()


def test_consultant_role_needs_an_end_date(world, press_secretary):
    other = world.person("consult", None, None)
    response = verified_client(press_secretary).post(
        f"/kk/units/{world.mobility.pk}/roles/new/", {"email": other.email, "role": Role.CONSULTANT}
    )
    assert response.status_code == 400
    assert not other.memberships.exists()


@pytest.mark.django_db(transaction=True)
def test_press_secretary_invites_a_new_colleague_who_sets_a_password_then_enrols(smtp, world, press_secretary):
    import re

    from django.test import Client

    from pressdesk.core.models import Membership, User

    response = verified_client(press_secretary).post(
        f"/kk/units/{world.almaly.pk}/roles/new/",
        {
            "email": "New.Officer@akimat.kz",
            "full_name": "Ерлан Жанұзақов",
            "language": "ru",
            "role": Role.UNIT_PRESS_SECRETARY,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.officer@akimat.kz")
    assert user.is_staff_member and not user.has_usable_password()
    assert Membership.objects.get(user=user).unit == world.almaly

    from tests.conftest import run_queued_tasks

    run_queued_tasks()
    letter = smtp.messages[0]
    assert letter["To"] == "new.officer@akimat.kz"
    body = letter.get_content()
    assert "Айгерим" not in body and "Aigerim" in body  # the inviter's name, as written on her account
    path = re.search(r"/ru/signin/reset/\S+/\S+/", body).group(0)  # in the colleague's language
    client = Client()
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "a good long passphrase", "new_password2": "a good long passphrase"})
    response = client.post("/ru/signin/", {"email": user.email, "password": "a good long passphrase"})
    assert response["Location"] == "/ru/signin/setup/"


def test_inviting_someone_new_needs_their_name(world, press_secretary):
    from pressdesk.core.models import User

    response = verified_client(press_secretary).post(
        f"/kk/units/{world.almaly.pk}/roles/new/", {"email": "nobody@akimat.kz", "role": Role.PRESS_OFFICER}
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="nobody@akimat.kz").exists()


def test_a_journalist_account_cannot_be_given_a_staff_role(world, press_secretary, journalist):
    response = verified_client(press_secretary).post(
        f"/kk/units/{world.almaly.pk}/roles/new/", {"email": journalist.email, "role": Role.PRESS_OFFICER}
    )
    assert response.status_code == 400
    assert not journalist.memberships.exists()


def test_list_pages_make_a_fixed_number_of_queries(world, press_secretary, django_assert_max_num_queries):
    for i in range(20):
        world.person(f"extra{i}", Role.PRESS_OFFICER, world.medeu)
    client = verified_client(press_secretary)
    for path in ("/kk/desk/", "/kk/units/", f"/kk/units/{world.medeu.pk}/", "/kk/security/"):
        # The dashboard gathers the modules' cards: core's, the directory's, the inquiries', the materials', the
        # events', the mailings', accreditation's, monitoring's and the press plan's, and the instructions awaiting
        # acknowledgement (one query each; the materials' list of items to approve, the mailings' list of those
        # needing attention and the plan's list of items due only when there are some).
        with django_assert_max_num_queries(23):
            assert client.get(path).status_code == 200, path


def test_pages_for_a_signed_in_person_are_kept_by_no_cache(world, press_secretary):
    client = verified_client(press_secretary)
    for path in ("/kk/desk/", "/kk/units/", "/kk/materials/", "/api/directory/outlets"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path
    # The newsroom says for itself what may be kept: it is the same page for everyone.
    assert "no-store" not in Client().get("/kk/")["Cache-Control"]
