"""manage.py messages_compile: the translation catalogues, compiled with Babel (run by
`make`; see portal/catalogues.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.catalogues import catalogues_compile


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo (Babel; no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="even when up to date")

    def handle(self, *args, force=False, **options):
        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for mo in catalogues_compile(locale_dir, force=force):
                self.stdout.write(f"compiled {mo.relative_to(settings.BASE_DIR)}")
