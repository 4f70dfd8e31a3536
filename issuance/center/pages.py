"""What the centre's views share: the storage medium a page shows and the learner's
own copy named in a URL (a view helper two views modules need is not a view)."""

from django.conf import settings
from django.shortcuts import get_object_or_404

from issuance.center.forms import TokenPinForm
from issuance.center.token import token_is_open
from issuance.choices import drive_choices
from issuance.devices import device_customer_ids
from issuance.models import CertificateCopy, SecurityToken, StorageMedium

TOKEN_ERROR_KEY = "security_token_error"  # noqa: S105 (a session key: the refusal, once)


def medium_of(request) -> str:
    """The medium asked for (?medium= or the form's), else the hard disk."""
    medium = request.GET.get("medium") or request.POST.get("medium") or StorageMedium.HARD_DISK
    return medium if medium in dict(drive_choices()) else StorageMedium.HARD_DISK


def own_copy(request, pk) -> CertificateCopy:
    """A copy on this browser's virtual devices, or 404 (never anyone else's)."""
    customers = device_customer_ids(request)
    return get_object_or_404(
        CertificateCopy.objects.select_related("certificate__customer", "certificate__issuer"),
        pk=pk,
        certificate__customer_id__in=customers,
    )


def _on_drive(request, medium: str, copies: list) -> tuple[list, dict]:
    """이동식디스크 as the real 인증서 선택창 shows it: first a drive to pick (?drive=, one
    of ``REMOVABLE_DRIVES``), then the certificates on it. The learner's USB memory is
    the first drive; another holds none. Any other medium: its copies as they are.
    Returns the copies to list and what the dialog shows of the drives."""
    if medium != StorageMedium.REMOVABLE_DISK:
        return copies, {}
    drives = list(settings.REMOVABLE_DRIVES)
    drive = request.GET.get("drive") or request.POST.get("drive") or ""
    if drive not in drives:
        return [], {"drives": drives, "drive": ""}
    return (copies if drive == drives[0] else []), {"drives": drives, "drive": drive}


def _on_token(request, medium: str, copies: list) -> tuple[list, dict]:
    """보안토큰 as the real 인증서 선택창 shows it: its own PIN first (set the first time),
    then its certificates (``issuance.center.token``). Any other medium, or a token
    open in this browser: the copies as they are."""
    if medium != StorageMedium.SECURITY_TOKEN or not copies:
        return copies, {}
    holder = copies[0].certificate.customer_id
    if token_is_open(request, holder):
        return copies, {}
    token = SecurityToken.objects.filter(customer_id=holder).first()
    form = TokenPinForm(setting=token is None)
    if error := request.session.pop(TOKEN_ERROR_KEY, None):
        # The refusal of the PIN just posted (views/dialog.token_pin), beside its field:
        # an unbound form has no errors of its own to lose.
        assert not form.errors
        form.cleaned_data = {}
        form.add_error(error["field"] if error["field"] in form.fields else None, error["message"])
    gate = {"token_gate": "set" if token is None else "enter", "token_form": form}
    return [], gate


def dialog_copies(request, medium: str, copies: list) -> tuple[list, dict]:
    """What the 인증서 선택창 lists of ``copies`` on ``medium``, and what it shows before
    them: a drive to pick (이동식디스크), the 보안토큰's PIN. Every view that draws the
    dialog (인증서 로그인, 전자서명 이체, 타기관 인증서 등록) asks here."""
    copies, drives = _on_drive(request, medium, copies)
    copies, token_gate = _on_token(request, medium, copies)
    return copies, {**drives, **token_gate}
