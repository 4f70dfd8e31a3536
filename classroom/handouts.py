"""A seat persona's handout (what the wallet shows: passwords, PINs, card codes), kept
encrypted with AES-GCM (``accounts.crypto``) and decrypted only for the page that shows it."""

import json

from accounts import crypto
from accounts.personas import Persona, handout

HANDOUT_PURPOSE = "classroom.handout"


def handout_encrypt(persona: Persona) -> bytes:
    return crypto.encrypt(json.dumps(handout(persona)), purpose=HANDOUT_PURPOSE)


def handout_of(seat_persona) -> dict:
    """What the learner's wallet shows (decrypted for this page only)."""
    return json.loads(
        crypto.decrypt(bytes(seat_persona.handout_encrypted), purpose=HANDOUT_PURPOSE)
    )
