"""The OpenAPI schema at /api/openapi.json, and the permission marks on the API's URLs."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from pressdesk.api.main import api

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/directory/outlets",
    "/api/directory/outlets/{outlet_id}",
    "/api/directory/journalists",
    "/api/directory/journalists/{journalist_id}",
    "/api/directory/segments",
    "/api/directory/segments/{segment_id}",
    "/api/directory/segments/{segment_id}/journalists",
}


def test_the_schema_is_json_with_every_path_and_both_ways_to_authenticate():
    response = Client().get("/api/openapi.json")  # no credentials needed: it describes shapes, not data
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert {path for path in schema["paths"] if path.startswith("/api/directory/")} == PATHS
    assert set(schema["components"]["securitySchemes"]) == {"PersonalToken", "StaffSession"}
    for path in PATHS:
        operation = schema["paths"][path]["get"]
        assert operation["security"] and {"200", "401", "403", "422"} <= set(operation["responses"]), path
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/public/"):  # only the newsroom's read of published materials is open
            assert all(operation["security"] for operation in operations.values()), path
    names = schema["components"]["schemas"]["Names"]["properties"]
    assert set(names) == {"kk", "ru", "en"}


def test_there_is_no_docs_page_that_would_load_scripts_from_a_cdn():
    assert api.docs_url is None
    assert Client().get("/api/docs").status_code == 404


def _api_routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _api_routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and prefix.startswith("api/"):
            yield prefix + str(p.pattern), p.callback


def test_every_api_endpoint_is_marked_with_the_action_it_checks():
    marks = dict(_api_routes(get_resolver().url_patterns))
    assert marks["api/directory/journalists"].permission_action == "directory.view"
    assert marks["api/directory/segments/<int:segment_id>/journalists"].permission_action == "directory.view"
    assert marks["api/openapi.json"].permission_action is None


def test_an_endpoint_that_declares_no_permission_cannot_be_mounted():
    from django.core.exceptions import ImproperlyConfigured
    from ninja import Router

    from pressdesk.api.auth import guard

    router = Router()

    @router.get("/open")
    def open_to_all(request):
        return {}

    with pytest.raises(ImproperlyConfigured, match="open_to_all"):
        guard(open_to_all)
