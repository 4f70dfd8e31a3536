"""A drill in the learner's language with the Korean beside: on a Korean page the scene
stays Korean and the debrief adds the English; on an English page the English comes
first and the Korean terms stay beside it."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from issuance.drills.said import said
from issuance.models import Drill, DrillRun

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_every_seeded_drill_has_its_english():
    for drill in Drill.objects.all():
        english = drill.translated("en")
        assert len(english["lines"]) == len(drill.lines), drill.key
        assert len(english["choices"]) == len(drill.choices), drill.key
        assert english["fell"].endswith("training simulation"), drill.key


def test_korean_first_with_english_beside_only_when_asked():
    drill = Drill.objects.get(key="prosecutor-reissue")
    with translation.override("ko"):
        assert [s.beside for s in said(drill, "lines")] == [""] * len(drill.lines)
        signs = said(drill, "signs", beside="en")
    assert signs[0].text == drill.signs[0] and signs[0].lang == "ko"
    assert signs[0].beside == drill.translations["en"]["signs"][0]
    with translation.override("en"):
        lines = said(drill, "lines")
    assert lines[0].lang == "en" and lines[0].beside == drill.lines[0]


def test_a_drill_without_the_language_stays_korean():
    drill = Drill.objects.get(key="prosecutor-reissue")
    drill.translations = {}
    with translation.override("en"):
        assert [s.text for s in said(drill, "todo")] == drill.todo


def test_the_debrief_has_the_english_beside_and_the_english_phone_the_korean(client):
    client.post(reverse("drills:start", args=["fss-safe-account"]))
    run = DrillRun.objects.latest("created_at")
    english = run.drill.translated("en")
    debrief = text(client.get(reverse("drills:debrief", args=[run.pk])))
    assert run.drill.signs[0] in debrief and english["signs"][0] in debrief
    assert english["todo"][0] in debrief
    client.cookies["django_language"] = "en"
    phone = text(client.get(reverse("phone:phone")))
    assert english["lines"][0] in phone and run.drill.lines[0] in phone
    assert english["choices"][0] in phone
