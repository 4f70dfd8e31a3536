"""Dates in each language's own way (FORMAT_MODULE_PATH; issue #26). Templates write
``date:"SHORT_DATE_FORMAT"`` (a day), ``"SHORT_DATETIME_FORMAT"`` (to the minute) and
``"DATETIME_FORMAT"`` (to the second). Korean and English keep the bank's 2026-12-06;
Vietnamese reads 06/12/2026, Chinese 2026年12月6日. Numbers and won amounts follow Django's
own formats for each language (1,000 / 1.000) through ``floatformat:"0g"``."""
