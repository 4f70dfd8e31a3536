"""The translation catalogues: locale/<lang>/LC_MESSAGES/django.po compiled into the
django.mo that gettext reads, with Babel (a Python library) rather than GNU gettext's
msgfmt, so that a fresh machine needs nothing from its package manager (docs/I18N.md)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def catalogues_compile(locale_dir: Path, *, force: bool = False) -> list[Path]:
    """Compile every .po whose .mo is missing or older; returns the .mo files written.
    Fuzzy entries are left out, as msgfmt does."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        partial = mo.with_suffix(".mo.partial")
        with partial.open("wb") as target:
            write_mo(target, catalogue, use_fuzzy=False)
        partial.replace(mo)  # never a half-written catalogue for a running server
        written.append(mo)
    return written
