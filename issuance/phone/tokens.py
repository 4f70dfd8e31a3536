"""Phone pairing tokens: the QR code a real smartphone scans to become the phone
of one issuance session (the model: Django's ``contrib/auth/tokens.py``).

A token is the session's id signed with the site's secret key and a salt of its
own, valid for ``PHONE_PAIRING_SECONDS``; a forged, altered or expired token
checks as None.
"""

from django.conf import settings
from django.core import signing


class PairingTokenGenerator:
    salt = "issuance.phone-pairing"

    def make_token(self, session_id) -> str:
        return signing.dumps(str(session_id), salt=self.salt)

    def check_token(self, token: str) -> str | None:
        """The session id the token was made for, or None."""
        try:
            return signing.loads(token, salt=self.salt, max_age=settings.PHONE_PAIRING_SECONDS)
        except signing.BadSignature:
            return None


pairing_token_generator = PairingTokenGenerator()
