from tests.conftest import verified_client


def test_it_shows_the_dashboard_to_a_press_secretary(press_secretary):
    response = verified_client(press_secretary).get("/kk/")
    assert response.status_code == 200
