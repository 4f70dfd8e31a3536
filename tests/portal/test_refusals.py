"""One refusal for every service: the message beside its field, or above the form when
the form has no such field; the code for the callers that tell refusals apart."""

from django import forms

from portal.refusals import Refused, refuse


class PinForm(forms.Form):
    pin = forms.CharField()


def test_a_refusal_goes_beside_its_field():
    form = PinForm({"pin": "1234"})
    assert form.is_valid()
    refuse(form, Refused("PIN이 올바르지 않습니다 (1/5회)", field="pin", code="wrong"))
    assert form.errors == {"pin": ["PIN이 올바르지 않습니다 (1/5회)"]}


def test_a_refusal_of_no_field_of_the_form_goes_above_it():
    for field in (None, "password"):
        form = PinForm({"pin": "1234"})
        form.is_valid()
        refuse(form, Refused("처음부터 다시 시작하세요.", field=field))
        assert form.non_field_errors() == ["처음부터 다시 시작하세요."]


def test_the_refusal_reads_as_its_message_and_keeps_its_code():
    refused = Refused("폐지된 인증서입니다.", code="revoked")
    assert str(refused) == "폐지된 인증서입니다." and refused.code == "revoked"
    assert refused.field is None
