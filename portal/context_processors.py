"""What every page's shell needs: the bank's names (configuration) and the browser's
display choice (쉬운 화면)."""

from django.conf import settings

from portal.display import easy_view_on


def branding(request):
    return {
        "BANK_NAME": settings.BANK_NAME,
        "BANK_NAME_EN": settings.BANK_NAME_EN,
        "KEYPAD_DEFAULT_ON": settings.KEYPAD_DEFAULT_ON,
        # The language switch names each language in itself (never translated).
        "LANGUAGES_IN_THEMSELVES": settings.LANGUAGES,
        # 쉬운 화면: base.html and the phone put class="easy-view large-text" on <html>.
        "easy_view": easy_view_on(request),
    }
