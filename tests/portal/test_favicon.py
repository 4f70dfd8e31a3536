"""/favicon.ico, which every browser asks for whatever the page links: the bank's icon."""

import re
import struct

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
ICO_HEADER = b"\x00\x00\x01\x00"  # reserved 0, type 1 (icon)
PNG = b"\x89PNG\r\n\x1a\n"


def icon_sizes(body: bytes) -> list[int]:
    """The widths of the icon's images, each checked to be a PNG inside the file."""
    (count,) = struct.unpack_from("<H", body, 4)
    sizes = []
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", body, 6 + 16 * index)
        assert body[offset : offset + len(PNG)] == PNG and offset + length <= len(body)
        sizes.append(width or 256)
    return sizes


@pytest.mark.parametrize("debug", [True, False])
def test_favicon_is_the_banks_icon_cached_by_the_browser(settings, debug):
    settings.DEBUG = debug
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    body = response.content
    assert body.startswith(ICO_HEADER)
    assert sorted(icon_sizes(body)) == [16, 32, 48]
    assert len(body) < 8_000  # small: asked on every first visit
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 7 * 24 * 3600


def test_a_head_request_is_answered_and_a_post_refused():
    assert Client().head("/favicon.ico").status_code == 200
    assert Client().post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("debug", [True, False])
def test_the_icon_the_pages_link_is_served_too(settings, debug):
    """The <link rel="icon"> of every page (base.html) answers as the root one does."""
    settings.DEBUG = debug
    page = Client().get("/").content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+\.ico)"', page)
    assert link, "the pages link the .ico"
    static = Client().get(link.group(1))
    assert static.status_code == 200
    assert b"".join(static.streaming_content) == Client().get("/favicon.ico").content
