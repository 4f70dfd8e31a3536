"""The small DER codec: known encodings, strictness, and fuzzing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from issuance.pki import der


@pytest.mark.parametrize(
    ("value", "encoding"),
    [
        (0, "020100"),
        (127, "02017f"),
        (128, "02020080"),
        (2048, "02020800"),
        (-1, "0201ff"),
        (-128, "020180"),
        (-129, "0202ff7f"),
    ],
)
def test_integer_encoding(value, encoding):
    assert der.integer(value).hex() == encoding
    assert der.decode(bytes.fromhex(encoding)).to_int() == value


@pytest.mark.parametrize(
    ("dotted", "encoding"),
    [
        ("1.2.840.113549", "06062a864886f70d"),
        ("2.5.29.32", "0603551d20"),
        ("1.2.410.200004.10.1.1", "06092a831a8c9a440a0101"),
        ("2.999.3", "0603883703"),
    ],
)
def test_oid_encoding(dotted, encoding):
    assert der.oid(dotted).hex() == encoding
    assert der.decode(bytes.fromhex(encoding)).to_oid() == dotted


@pytest.mark.parametrize("size", [0, 127, 128, 255, 256, 70_000])
def test_lengths_round_trip(size):
    encoded = der.octet_string(b"x" * size)
    assert der.decode(encoded).to_bytes() == b"x" * size


def test_long_form_length():
    assert der.octet_string(b"x" * 200)[:3].hex() == "0481c8"
    assert der.octet_string(b"x" * 300)[:4].hex() == "0482012c"


def test_string_types():
    assert der.bmp_string("인증") == bytes.fromhex("1e04c778c99d")
    assert der.decode(der.bmp_string("인증")).to_str() == "인증"
    assert der.utf8_string("kr")[0] == der.UTF8_STRING
    assert der.printable_string("kr") == b"\x13\x02kr"
    assert der.ia5_string("http://x")[0] == der.IA5_STRING
    with pytest.raises(ValueError, match="PrintableString"):
        der.printable_string("a@b")


def test_bit_string_has_no_unused_bits():
    assert der.bit_string(b"\xab") == b"\x03\x02\x00\xab"
    with pytest.raises(der.DerError):
        der.Element(der.BIT_STRING, b"\x01\xab").to_bytes()


def test_set_of_is_sorted():
    assert der.set_of(der.integer(2), der.integer(1)) == bytes.fromhex("3106020101020102")


def test_context_tags():
    assert der.explicit(0, der.octet_string(b"")) == bytes.fromhex("a0020400")
    assert der.implicit(0, b"", constructed=True) == b"\xa0\x00"
    assert der.implicit(1, b"", constructed=False) == b"\x81\x00"


def test_children_and_expect():
    element = der.decode(der.sequence(der.integer(1), der.null()))
    assert [child.tag for child in element.children] == [der.INTEGER, der.NULL]
    with pytest.raises(der.DerError):
        element.expect(der.SET)
    with pytest.raises(der.DerError):
        element.children[0].children  # noqa: B018


@pytest.mark.parametrize(
    ("encoding", "problem"),
    [
        ("020101ff", "trailing byte"),
        ("3080020101 0000", "indefinite length"),
        ("04810100", "non-minimal length"),
        ("0482000100", "non-minimal length"),
        ("0405aabb", "truncated content"),
        ("04", "truncated length"),
        ("1f0100", "high tag number"),
        ("", "no element"),
    ],
)
def test_decode_rejects(encoding, problem):
    with pytest.raises(der.DerError):
        der.decode(bytes.fromhex(encoding.replace(" ", "")))


@pytest.mark.parametrize("content", ["", "0001", "ff80"])
def test_integer_must_be_minimal(content):
    with pytest.raises(der.DerError):
        der.Element(der.INTEGER, bytes.fromhex(content)).to_int()


@pytest.mark.parametrize("content", ["", "2a80", "8001"])
def test_oid_must_be_well_formed(content):
    with pytest.raises(der.DerError):
        der.Element(der.OBJECT_IDENTIFIER, bytes.fromhex(content)).to_oid()


@given(
    st.integers(min_value=-(2**200), max_value=2**200)
    | st.sampled_from([-(2**k) for k in range(64)])
)
def test_integer_round_trip(value):
    assert der.decode(der.integer(value)).to_int() == value


@given(st.lists(st.integers(min_value=0, max_value=2**64), min_size=1, max_size=8))
def test_oid_round_trip(arcs):
    dotted = ".".join(map(str, [1, 2, *arcs]))
    assert der.decode(der.oid(dotted)).to_oid() == dotted


@given(st.binary(max_size=300))
def test_decode_random_bytes_raises_only_der_error(data):
    try:
        element = der.decode(data)
    except der.DerError:
        return
    assert element.encoded == data
