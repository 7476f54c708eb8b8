"""Bytes to text: detect the encoding (do not guess blindly) and say which was used.

Arabic sites serve UTF-8, UTF-16 and, still often, Windows-1256. A byte order mark
decides first; then strict UTF-8; then the single-byte Arabic code pages, kept only
when the result reads as Arabic; Latin-1 last. Binary files (images, archives, PDFs,
NUL-ridden data) are refused with a clear error instead of being decoded into noise.
UTF-8 that was decoded as Latin-1/Windows-1252 and saved again ("Ø§Ù„...") is
repaired and reported as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BinaryInputError, EmptyInputError

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip data",
    b"BZh": "bzip2 data", b"\xfd7zXZ\x00": "xz data", b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"\x7fELF": "ELF executable", b"RIFF": "RIFF media", b"OggS": "Ogg media",
    b"\x00\x00\x01\x00": "icon", b"II*\x00": "TIFF image", b"MM\x00*": "TIFF image",
    b"SQLite format 3\x00": "SQLite database",
}
_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile(r"[ØÙ][\x80-\xbf\u0152-\u0192\u02c6-\u2122]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec used, e.g. "utf-8", "cp1256", "utf-16-le"
    note: str | None = None  # e.g. "repaired UTF-8 read as cp1252"


def _arabic_share(text: str) -> float:
    letters = len(_LETTER.findall(text))
    return len(_ARABIC.findall(text)) / letters if letters else 0.0


def _looks_binary(sample: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if sample.startswith(magic):
            return what
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nuls = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # Arabic in UTF-16 has 0x06 high bytes, Latin has 0x00: check both patterns
    evens, odds = sample[0::2], sample[1::2]
    if odd_nuls > 0.3 or odds.count(6) / max(1, len(odds)) > 0.3:
        return "utf-16-le"
    if even_nuls > 0.3 or evens.count(6) / max(1, len(evens)) > 0.3:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` (an HTTP or <meta> charset) is tried after BOMs and UTF-8."""
    if not data or not data.strip():
        raise EmptyInputError("empty input: no text in the document")
    sample = data[:8192]
    what = _looks_binary(sample)
    if what:
        raise BinaryInputError(f"binary input ({what}), not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec.replace("-sig", "")), codec.replace("-sig", "") + "-bom")
            except UnicodeDecodeError as exc:
                raise BinaryInputError(f"starts with a {codec} byte order mark but does not decode: {exc}") from exc
    if b"\x00" in sample:
        codec = _utf16_without_bom(sample)
        if codec:
            try:
                text = data.decode(codec)
                if not _CONTROL.search(text[:4096]):
                    return Decoded(text, codec, "UTF-16 without byte order mark")
            except UnicodeDecodeError:
                pass
        raise BinaryInputError("binary input: NUL bytes in the data")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _MOJIBAKE.search(text[:4096]):
            repaired = _repair_mojibake(text)
            if repaired is not None:
                return Decoded(repaired, "utf-8", "repaired UTF-8 that had been read as cp1252 and saved again")
        return _refuse_control(Decoded(text, "utf-8"))
    candidates = ["cp1256", "iso-8859-6"]
    if declared and declared.lower() not in ("utf-8", "utf8"):
        candidates.insert(0, declared.lower())
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _arabic_share(text) >= 0.3:
            return _refuse_control(Decoded(text, codec))
    text = data.decode("cp1252", errors="replace")
    return _refuse_control(Decoded(text, "cp1252", "no Arabic encoding fits; read as Windows-1252"))


def _repair_mojibake(text: str) -> str | None:
    """Undo UTF-8 read as Windows-1252 (bytes it leaves undefined pass as Latin-1)."""
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            raw.append(ord(ch))
    fixed = raw.decode("utf-8", errors="replace")
    if fixed.count("\ufffd") > len(fixed) * 0.01 or _arabic_share(fixed) <= _arabic_share(text):
        return None
    return fixed


def _refuse_control(decoded: Decoded) -> Decoded:
    sample = decoded.text[:8192]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.05:
        raise BinaryInputError(f"binary input: control characters throughout (decoded as {decoded.encoding})")
    return decoded
