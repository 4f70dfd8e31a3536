"""The load test's CPU breakdown: each request's CPU under its view's name, added up."""

import pytest
from django.conf import settings
from django.test import override_settings

from portal.cpu_log import breakdown

pytestmark = pytest.mark.django_db


@pytest.fixture
def cpu_log(tmp_path):
    middleware = ["portal.cpu_log.RequestCpuLog", *settings.MIDDLEWARE]
    with override_settings(REQUEST_CPU_LOG=str(tmp_path), MIDDLEWARE=middleware):
        yield tmp_path


def test_each_request_is_logged_under_its_view_and_nothing_the_learner_typed(client, cpu_log):
    client.get("/glossary/?q=secret-query")
    client.post("/banking/login/", {"username": "nobody", "password": "typed-password"})
    client.get("/no-such-page/")
    (log,) = cpu_log.glob("cpu-*.tsv")
    text = log.read_text()
    names = [line.split("\t")[0] for line in text.splitlines()]
    assert names == ["GET portal:glossary", "POST accounts:login", "GET unresolved"]
    assert all(line.split("\t")[1].isdigit() for line in text.splitlines())
    assert "secret-query" not in text and "typed-password" not in text and "nobody" not in text


def test_the_breakdown_adds_up_per_view_costliest_first(tmp_path):
    (tmp_path / "cpu-1.tsv").write_text("GET phone:screen\t2000\nPOST flow:medium\t9000\n")
    (tmp_path / "cpu-2.tsv").write_text("GET phone:screen\t4000\nGET static\t")  # cut short
    rows = breakdown(tmp_path, learners=2)
    assert list(rows) == ["POST flow:medium", "GET phone:screen"]
    assert rows["GET phone:screen"] == {
        "requests": 2,
        "ms_per_request": 3.0,
        "ms_per_learner": 3.0,
        "share": 0.4,
    }
    assert rows["POST flow:medium"]["share"] == 0.6


def test_it_is_off_unless_asked_for():
    assert "portal.cpu_log.RequestCpuLog" not in settings.MIDDLEWARE
