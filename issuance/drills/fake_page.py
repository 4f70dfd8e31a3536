"""The look-alike bank page a scam text links to: what it asks for, as box names. It is a
page of this server drawn in the phone's own browser frame (with the fake address in
its address bar); its boxes are counted when posted, never read or kept."""

SECURITY_CARD_SLOTS = 35
FAKE_FIELDS = (
    "fake_user_id",
    "fake_rrn",
    "fake_account_pin",
    "fake_certificate_password",
    *(f"fake_card_{n:02d}" for n in range(1, SECURITY_CARD_SLOTS + 1)),
)


def boxes_filled(posted) -> int:
    """How many of the page's boxes were filled (the only thing ever kept of them)."""
    return sum(1 for name in FAKE_FIELDS if str(posted.get(name, "")).strip())
