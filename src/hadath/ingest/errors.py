"""The errors ingest raises for a bad document; each names the document and what is wrong."""

from __future__ import annotations


class InputError(ValueError):
    """A document that cannot be read; the batch reports it and goes on."""

    code = "bad_input"


class EmptyInputError(InputError):
    code = "empty"


class BinaryInputError(InputError):
    code = "binary"


class EncodingError(InputError):
    code = "encoding"


class TooLargeError(InputError):
    code = "too_large"


class MalformedRecordError(InputError):
    code = "malformed_record"
