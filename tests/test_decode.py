"""Ingest decodes what Arabic sites serve, says which codec it used, and refuses binary."""

from __future__ import annotations

import gzip

import pytest

from hadath.ingest.decode import decode_bytes
from hadath.ingest.errors import BinaryInputError, EmptyInputError


def test_utf8(seed_000):
    d = decode_bytes(seed_000.encode("utf-8"))
    assert d.text == seed_000 and d.encoding == "utf-8"


def test_utf8_with_bom(seed_000):
    d = decode_bytes(b"\xef\xbb\xbf" + seed_000.encode("utf-8"))
    assert d.text == seed_000 and d.encoding == "utf-8-bom"


@pytest.mark.parametrize("codec,name", [("utf-16", "utf-16-le-bom"), ("utf-16-be", "utf-16-be-bom")])
def test_utf16(seed_000, codec, name):
    data = seed_000.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    d = decode_bytes(data)
    assert d.text == seed_000 and d.encoding == name


def test_utf16_without_bom_is_detected(seed_002):
    d = decode_bytes(seed_002.encode("utf-16-le"))
    assert d.text == seed_002 and d.encoding == "utf-16-le"


def test_windows_1256_is_detected_not_guessed(seed_002):
    # the seed holds no character outside Windows-1256 once its cookie banner is left out
    text = seed_002.split("بيان الخصوصية")[0]
    d = decode_bytes(text.encode("cp1256"))
    assert d.encoding == "cp1256"
    assert d.text == text


def test_latin1_mojibake_is_repaired(seed_002):
    text = seed_002[:400]
    # what a site does when it reads UTF-8 as Windows-1252 and saves it again
    garbled = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))
    d = decode_bytes(garbled.encode("utf-8"))
    assert "قمة الصين" in d.text
    assert d.note and "repaired" in d.note


def test_binary_png_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(BinaryInputError, match="PNG"):
        decode_bytes(png)


def test_gzip_bytes_are_refused_as_text():
    with pytest.raises(BinaryInputError, match="gzip"):
        decode_bytes(gzip.compress(b"x" * 1000))


def test_nul_ridden_data_is_refused():
    with pytest.raises(BinaryInputError):
        decode_bytes(bytes([1, 0, 200, 0, 3, 0, 0, 0, 9]) * 500)


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_empty_is_refused(data):
    with pytest.raises(EmptyInputError):
        decode_bytes(data)
