"""A small DER encoder and strict decoder: just what NPKI structures need.

`cryptography` writes and reads certificates, CRLs and OCSP messages, but not
the Korean pieces around them (a BMPString user notice, the VID inside an
otherName, the randomNum attribute, the SEED-encrypted key file). Those are
built and parsed here, with single-byte tags and definite lengths only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# Universal tags (with the constructed bit where the type is always constructed).
INTEGER = 0x02
BIT_STRING = 0x03
OCTET_STRING = 0x04
NULL = 0x05
OBJECT_IDENTIFIER = 0x06
UTF8_STRING = 0x0C
PRINTABLE_STRING = 0x13
IA5_STRING = 0x16
BMP_STRING = 0x1E
SEQUENCE = 0x30
SET = 0x31

_CONSTRUCTED = 0x20
_CONTEXT = 0x80
_PRINTABLE_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?"
)


class DerError(ValueError):
    """The bytes are not the DER this module expects."""


# --- encoding ---------------------------------------------------------------


def tlv(tag: int, content: bytes) -> bytes:
    """Encode one element: tag, definite length, content."""
    if not 0 <= tag <= 0xFF or tag & 0x1F == 0x1F:
        raise ValueError(f"unsupported tag {tag:#x}")
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + length + content


def sequence(*items: bytes) -> bytes:
    return tlv(SEQUENCE, b"".join(items))


def set_of(*items: bytes) -> bytes:
    """A DER SET OF: elements sorted by their encodings (X.690 11.6)."""
    return tlv(SET, b"".join(sorted(items)))


def integer(value: int) -> bytes:
    # Minimal two's complement: the magnitude bits plus room for the sign bit.
    size = (value if value >= 0 else ~value).bit_length() // 8 + 1
    return tlv(INTEGER, value.to_bytes(size, "big", signed=True))


def null() -> bytes:
    return tlv(NULL, b"")


def oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    if len(arcs) < 2 or arcs[0] > 2 or (arcs[0] < 2 and arcs[1] >= 40):
        raise ValueError(f"invalid object identifier {dotted!r}")
    body = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body.extend(reversed(chunk))
    return tlv(OBJECT_IDENTIFIER, bytes(body))


def octet_string(value: bytes) -> bytes:
    return tlv(OCTET_STRING, value)


def bit_string(value: bytes) -> bytes:
    """A BIT STRING of whole bytes (0 unused bits)."""
    return tlv(BIT_STRING, b"\x00" + value)


def utf8_string(value: str) -> bytes:
    return tlv(UTF8_STRING, value.encode("utf-8"))


def printable_string(value: str) -> bytes:
    if not set(value) <= _PRINTABLE_CHARS:
        raise ValueError(f"not a PrintableString: {value!r}")
    return tlv(PRINTABLE_STRING, value.encode("ascii"))


def ia5_string(value: str) -> bytes:
    return tlv(IA5_STRING, value.encode("ascii"))


def bmp_string(value: str) -> bytes:
    """UCS-2 big-endian; characters outside the BMP cannot be written."""
    if any(ord(c) > 0xFFFF for c in value):
        raise ValueError("BMPString cannot hold characters outside the BMP")
    return tlv(BMP_STRING, value.encode("utf-16-be"))


def explicit(number: int, inner: bytes) -> bytes:
    """[number] EXPLICIT: a constructed context tag around a whole element."""
    return tlv(context_tag(number), inner)


def implicit(number: int, content: bytes, *, constructed: bool) -> bytes:
    """[number] IMPLICIT: a context tag replacing the element's own tag."""
    return tlv(context_tag(number, constructed=constructed), content)


def context_tag(number: int, *, constructed: bool = True) -> int:
    """The tag byte of [number], e.g. 0xA0 for a constructed [0]."""
    if not 0 <= number < 0x1F:
        raise ValueError(f"context tag number {number} needs the high-tag form")
    return _CONTEXT | (_CONSTRUCTED if constructed else 0) | number


# --- decoding ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Element:
    """One decoded TLV; `content` is the value octets."""

    tag: int
    content: bytes

    @property
    def constructed(self) -> bool:
        return bool(self.tag & _CONSTRUCTED)

    @property
    def encoded(self) -> bytes:
        return tlv(self.tag, self.content)

    def expect(self, tag: int) -> Element:
        if self.tag != tag:
            raise DerError(f"expected tag {tag:#04x}, found {self.tag:#04x}")
        return self

    @property
    def children(self) -> list[Element]:
        if not self.constructed:
            raise DerError(f"tag {self.tag:#04x} is not constructed")
        return list(_iter_elements(self.content))

    def to_int(self) -> int:
        self.expect(INTEGER)
        if not self.content:
            raise DerError("empty INTEGER")
        if len(self.content) > 1 and (
            (self.content[0] == 0 and self.content[1] < 0x80)
            or (self.content[0] == 0xFF and self.content[1] >= 0x80)
        ):
            raise DerError("INTEGER not minimally encoded")
        return int.from_bytes(self.content, "big", signed=True)

    def to_oid(self) -> str:
        self.expect(OBJECT_IDENTIFIER)
        if not self.content or self.content[-1] & 0x80:
            raise DerError("truncated OBJECT IDENTIFIER")
        arcs: list[int] = []
        value = 0
        fresh = True
        for byte in self.content:
            if fresh and byte == 0x80:
                raise DerError("OBJECT IDENTIFIER arc not minimally encoded")
            value = (value << 7) | (byte & 0x7F)
            fresh = not byte & 0x80
            if fresh:
                arcs.append(value)
                value = 0
        first = min(arcs[0] // 40, 2)
        return ".".join(map(str, [first, arcs[0] - 40 * first, *arcs[1:]]))

    def to_bytes(self) -> bytes:
        """The octets of an OCTET STRING, or of a BIT STRING with no unused bits."""
        if self.tag == OCTET_STRING:
            return self.content
        self.expect(BIT_STRING)
        if not self.content or self.content[0] != 0:
            raise DerError("BIT STRING with unused bits")
        return self.content[1:]

    def to_str(self) -> str:
        codec = _STRING_CODECS.get(self.tag)
        if codec is None:
            raise DerError(f"tag {self.tag:#04x} is not a supported string type")
        try:
            return self.content.decode(codec)
        except UnicodeDecodeError as exc:
            raise DerError(f"bad string contents: {exc}") from None


_STRING_CODECS = {
    UTF8_STRING: "utf-8",
    PRINTABLE_STRING: "ascii",
    IA5_STRING: "ascii",
    BMP_STRING: "utf-16-be",
}


def decode(data: bytes) -> Element:
    """Decode exactly one element; trailing bytes are an error."""
    elements = list(_iter_elements(bytes(data)))
    if len(elements) != 1:
        raise DerError(f"expected one element, found {len(elements)}")
    return elements[0]


def _iter_elements(data: bytes) -> Iterator[Element]:
    pos, end = 0, len(data)
    while pos < end:
        tag = data[pos]
        if tag & 0x1F == 0x1F:
            raise DerError("high-tag-number form is not supported")
        if pos + 1 >= end:
            raise DerError("truncated length")
        first = data[pos + 1]
        pos += 2
        if first < 0x80:
            length = first
        elif first == 0x80:
            raise DerError("indefinite length is not DER")
        else:
            count = first & 0x7F
            if count > 4 or pos + count > end:
                raise DerError("bad length")
            length = int.from_bytes(data[pos : pos + count], "big")
            if length < 0x80 or data[pos] == 0:
                raise DerError("length not minimally encoded")
            pos += count
        if pos + length > end:
            raise DerError("truncated content")
        yield Element(tag, data[pos : pos + length])
        pos += length
