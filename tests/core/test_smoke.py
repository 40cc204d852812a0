from django.utils import translation

from pressdesk.core import ui
from tests.conftest import verified_client


def test_the_dashboard_leads_to_every_module_with_an_honest_empty_state(press_secretary, monkeypatch):
    client = verified_client(press_secretary)
    page = client.get("/kk/desk/").content.decode()
    for module in ui.modules():
        assert f'href="{module.url()}"' in page, module.key
        response = client.get(module.url())
        assert response.status_code == 200
    # Every module of PRODUCT.md has landed; one still being built would show this page.
    planned = ui.Module(key="next", label="Next", summary="Not yet.")
    monkeypatch.setitem(ui._MODULES, planned.key, planned)
    response = client.get(planned.url())
    with translation.override("kk"):
        empty_state = translation.gettext(
            "This module is not available yet. It is being built; when it is ready it will appear here, "
            "and nothing you do now will need to be entered again."
        )
    assert empty_state in response.content.decode()
