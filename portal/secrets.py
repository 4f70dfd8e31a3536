"""Secrets for the embedded demo tier: generated once into ``var/``, never committed.

In production every secret comes from the environment; this module is only used
when a variable is absent and ``DJANGO_ENV`` is not ``production``.
"""

import base64
import json
import os
import secrets
from pathlib import Path

GENERATORS = {
    "SECRET_KEY": lambda: secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEY": lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "CA_KEY_PASSPHRASE": lambda: secrets.token_urlsafe(32),
    "CLOUD_STORE_KEY": lambda: secrets.token_urlsafe(32),
    "DEMO_ADMIN_PASSWORD": lambda: secrets.token_urlsafe(9),
    "DEMO_TRAINER_PASSWORD": lambda: secrets.token_urlsafe(9),
}


def demo_secret(var_dir: Path, name: str) -> str:
    """Return the demo secret ``name`` from ``var/secrets.json``, creating it once."""
    path = var_dir / "secrets.json"
    var_dir.mkdir(parents=True, exist_ok=True)
    stored = json.loads(path.read_text()) if path.exists() else {}
    if name not in stored:
        stored[name] = GENERATORS[name]()
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(stored, fh, indent=2)
        tmp.replace(path)
    return stored[name]
