"""One application error for every refusal a learner or a trainer reads.

A service that says no raises ``Refused``: the sentence to show (a lazy translation or
a finished string), the form field it belongs beside (``None``: above the form) and,
where a caller must tell refusals apart, a short ``code`` ("wrong_password", "locked",
"unregistered"). The field is decided where the refusal is raised, by the service
that knows which input was wrong, so no view maps codes to fields. A view puts it on
its form with ``refuse(form, refused)``.

It lives below every app (the site shell imports no app, and every app may import
it), like Django's ``ValidationError`` with its ``code``.
"""


class Refused(Exception):
    """No, with the reason the user reads (``message``), beside ``field``."""

    def __init__(self, message, *, field: str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


def refuse(form, refused: Refused) -> None:
    """Show ``refused`` on ``form``: beside its field when the form has it, else above."""
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, refused.message)
