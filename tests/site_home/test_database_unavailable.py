"""Database briefly unavailable: a clear 503 with Retry-After, then recovery with no restart."""

import pytest
from django.db import connections
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def _unreachable(settings_dict):
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return {"NAME": "/nonexistent-directory/community-voice.sqlite3"}
    return {"HOST": "127.0.0.1", "PORT": "9"}  # discard port: nothing listens there


def test_site_answers_503_while_the_database_is_down_and_recovers(home_page):
    client = Client(raise_request_exception=False)
    real = connections["default"]
    good = {key: real.settings_dict[key] for key in ("NAME", "HOST", "PORT")}
    # A fresh connection object for the default alias, so the test's own connection is untouched.
    outage = real.__class__({**real.settings_dict, **_unreachable(real.settings_dict)}, alias="default")
    connections["default"] = outage
    try:
        down = client.get("/")
        assert down.status_code == 503
        assert down["Retry-After"] == "30"
        html = down.content.decode()
        assert "Sorry, the service is unavailable for a moment" in html
        assert "Traceback" not in html and "OperationalError" not in html

        outage.settings_dict.update(good)  # the database comes back
        up = client.get("/")
        assert up.status_code == 200
        assert "Have your say" in up.content.decode()
    finally:
        outage.close()
        connections["default"] = real


def test_other_errors_are_still_500():
    from django.test import RequestFactory

    from site_home.views import server_error

    try:
        raise ValueError("not a database problem")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
