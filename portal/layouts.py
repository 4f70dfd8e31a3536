"""How a form stands on its page, with django-crispy-forms: each form carries a
``FormHelper`` (``form_helper``) whose ``Layout`` names its fields in order, their
groups and wrappers, and the page renders it with ``{% crispy form %}``.

Every field goes through one template, ``partials/field.html`` (label, input, its
errors once, help text); the errors that belong to no field come first
(``partials/form.html``). The page keeps its own ``<form>`` tag: its action, its htmx
attributes and its buttons are the page's. A field drawn in a way of its own (a
table of certificates, cards to choose from) names its template in the layout
(``Field("copy", template=…)``); a piece of the page inside the form is an
``Include`` of a template or of a template's partial (``"page.html#name"``).
"""

from crispy_forms import layout
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from crispy_forms.utils import TEMPLATE_PACK
from django.template.loader import render_to_string

FIELD_TEMPLATE = "partials/field.html"
FORM_TEMPLATE = "partials/form.html"


def form_helper(*fields, **options) -> FormHelper:
    """A helper laying out ``fields`` (names or layout objects); ``options`` are the
    helper's attributes, crispy's (``label_class``, ``form_show_errors``) or what the
    site's templates read: ``required_mark`` (a * after a required field's label),
    ``wrapper_base`` (each field's wrapper class instead of mb-3), ``errors_inline``
    (a field's errors as one line), ``errors_class`` (extra classes of the alert with
    the errors of no field)."""
    helper = FormHelper()
    helper.form_tag = False  # the page's <form> (its action, htmx, buttons)
    helper.disable_csrf = True  # the page's {% csrf_token %}
    helper.template = FORM_TEMPLATE
    helper.field_template = FIELD_TEMPLATE
    helper.layout = Layout(*fields)
    for name, value in options.items():
        setattr(helper, name, value)
    return helper


class Field(layout.Field):
    """crispy's ``Field`` with what ``partials/field.html`` also reads: ``describedby``
    (ids of the page's elements that describe the input too), ``label_class``,
    ``label_hidden``, ``wrapper_base``."""

    template = FIELD_TEMPLATE  # crispy's own would be the pack's, not the helper's

    def __init__(self, *fields, describedby="", label_class="", label_hidden=False, **kwargs):
        wrapper_base = kwargs.pop("wrapper_base", "")
        super().__init__(*fields, **kwargs)
        extra = {
            "describedby": describedby,
            "label_class": label_class,
            "label_hidden": label_hidden,
            "wrapper_base": wrapper_base,
        }
        self.extra_context = {name: value for name, value in extra.items() if value}

    def render(self, form, context, template_pack=TEMPLATE_PACK, extra_context=None, **kwargs):
        extra = {**self.extra_context, **(extra_context or {})}
        return super().render(form, context, template_pack, extra_context=extra, **kwargs)


class Group(layout.Div):
    """Fields placed by a template of their own (``template``), rendered with the page's
    context and ``fields`` (the fields, rendered): a box with a picture beside them."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(
            self.template, {**context.flatten(), "group": self, "fields": fields}
        )


class Include:
    """A piece of the page inside the form (a note, a picture of the 보안카드): the
    template, or a template's partial ``"page.html#name"``, rendered with the page's
    context."""

    def __init__(self, template_name: str):
        self.template_name = template_name

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        return render_to_string(self.template_name, context.flatten())
