"""Forms laid out by their FormHelper (portal.layouts): one field template, each error
once beside its field with the id aria-describedby names, the form's own errors first."""

import re

from django import forms
from django.template import Context, Template

from portal.layouts import Field, Include, form_helper


class SampleForm(forms.Form):
    name = forms.CharField(label="이름", help_text="도움말")
    note = forms.CharField(label="메모", required=False)
    kind = forms.ChoiceField(
        label="종류", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )

    def __init__(self, *args, helper_options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field("name", wrapper_class="field-wide", describedby="page-hint"),
            "note",
            "kind",
            **(helper_options or {}),
        )

    def clean(self):
        raise forms.ValidationError("양식 전체의 오류")


def render(form, **context) -> str:
    template = Template("{% load crispy_forms_tags %}{% crispy form %}")
    return template.render(Context({"form": form, **context}))


def test_each_error_is_drawn_once_beside_its_field_with_the_id_it_is_described_by():
    html = render(SampleForm({"note": "x"}))
    assert html.count('id="id_name_error"') == 1
    assert html.count('id="id_kind_error"') == 1
    name = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    assert 'aria-describedby="id_name_error page-hint"' in name
    assert "is-invalid" in name
    assert '<div class="mb-3 field-wide">' in html
    assert 'aria-describedby="id_kind_helptext' not in html  # a radio's fieldset: its error only
    assert '<fieldset aria-describedby="id_kind_error">' in html


def test_the_errors_of_no_field_come_first():
    html = render(
        SampleForm({"name": "a", "kind": "a"}, helper_options={"errors_class": "x-alert"})
    )
    assert html.index("양식 전체의 오류") < html.index('name="name"')
    assert 'class="alert alert-danger x-alert" role="alert"' in html


def test_the_helper_options_reach_the_field_template():
    html = render(SampleForm(helper_options={"required_mark": True, "wrapper_base": "phone-field"}))
    assert '이름<span class="asteriskField">*</span>' in html
    assert '메모<span class="asteriskField">' not in html  # not required
    assert '<div class="phone-field field-wide">' in html


def test_errors_inline_are_one_line():
    html = render(SampleForm({}, helper_options={"errors_inline": True}))
    error = re.search(r'id="id_name_error">(.*?)</div>', html, re.S).group(1)
    assert "<p" not in error and "필수 항목입니다." in error


def test_a_piece_of_the_page_stands_in_the_layout_with_the_page_context():
    class PadForm(forms.Form):
        digits = forms.CharField()

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = form_helper("digits", Include("widgets/number_pad.html"))

    html = render(PadForm(), target="id_digits")
    assert html.index('name="digits"') < html.index('data-keypad-for="id_digits"')
