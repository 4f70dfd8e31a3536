"""A copy taken out as a file the browser saves: the NPKI folder as a zip, or a
``.p12`` locked with the certificate password. The flow's 발급 완료 and the centre's
내보내기 answer with these (``issuance.ca.exports`` makes the bytes)."""

from django.http import HttpResponse

from issuance.ca.exports import copy_npki_zip, copy_pkcs12
from issuance.models import CertificateCopy


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def npki_zip_download(copy: CertificateCopy) -> HttpResponse:
    """``NPKI-<serial>.zip``: signCert.der and signPri.key in their NPKI folders."""
    serial = copy.certificate.serial
    return _attachment(copy_npki_zip(copy), "application/zip", f"NPKI-{serial}.zip")


def pkcs12_download(copy: CertificateCopy, password: str) -> HttpResponse:
    """``<serial>.p12``, locked with ``password``; ``Refused`` when the password does not
    open the copy (counted, as at 인증서 로그인)."""
    p12 = copy_pkcs12(copy, password)
    return _attachment(p12, "application/x-pkcs12", f"{copy.certificate.serial}.p12")
