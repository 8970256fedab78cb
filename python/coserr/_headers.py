"""The response headers handed to the C library: the ones it reads, packed
into a ``coserr_header`` array without a ctypes structure per header."""

import platform
import struct
from ctypes import Union, c_char_p, c_size_t, string_at

from ._bytes import to_bytes

# The headers the library reads (lowercase): the error code header, the
# request-id and trace-id fallbacks, the service's clock (Date) and the two
# header texts (Location, the bucket's region). Only these are handed to it:
# the others cannot change the record, and skipping them here saves packing
# an entry per header.
RELEVANT_HEADERS = frozenset(
    (
        "x-cos-error-code",
        "x-cos-request-id",
        "x-ci-request-id",
        "x-img-request-id",
        "x-cos-trace-id",
        "date",
        "location",
        "x-cos-bucket-region",
    )
)

# The same names as bytes, so that bytes header names are selected too.
_RELEVANT_ANY = RELEVANT_HEADERS | frozenset(h.encode("ascii") for h in RELEVANT_HEADERS)
_PACK = [struct.Struct("%dN" % (4 * n)) for n in range(9)]


def _header_items(headers):
    items = getattr(headers, "items", None)
    if items is not None:
        return items()
    return headers  # an iterable of (name, value) pairs


def header_array(headers, all_headers=False):
    """A ``coserr_header`` array of the headers coserr reads, in their order
    (of every header with ``all_headers``).

    Names and values are joined into one bytes object and the array is
    packed with one ``struct`` call, as bytes: filling ctypes structures
    field by field costs about 0.5 us per header. Returns ``(array_bytes,
    count, keep)``; ``keep`` holds the text alive and must outlive the C call.
    """
    if all_headers:
        pieces = [x for pair in _header_items(headers) for x in pair]
    else:
        lower_items = getattr(headers, "lower_items", None)
        if lower_items is not None:
            # requests' CaseInsensitiveDict: its items() is three times
            # slower than the lowercase view it keeps anyway.
            pieces = [x for k, v in lower_items() if k in _RELEVANT_ANY for x in (k, v)]
        else:
            items = headers.items() if type(headers) is dict else _header_items(headers)
            pieces = [x for k, v in items if k.lower() in _RELEVANT_ANY for x in (k, v)]
    n = len(pieces) >> 1
    if not n:
        return None, 0, None
    try:
        joined = "".join(pieces).encode("latin-1")  # all str, all Latin-1: the usual case
    except (TypeError, UnicodeEncodeError):
        pieces = [to_bytes(p, "header name or value") for p in pieces]
        joined = b"".join(pieces)
    base, keep = address(joined)
    if n == 1:
        a, b = map(len, pieces)
        return _PACK[1].pack(base, a, base + a, b), 1, keep
    if n == 2:
        a, b, c, d = map(len, pieces)
        ab = base + a + b
        return _PACK[2].pack(base, a, base + a, b, ab, c, ab + c, d), 2, keep
    fields = []
    it = iter(pieces)
    for name in it:
        name_len = len(name)
        value_len = len(next(it))
        fields += (base, name_len, base + name_len, value_len)
        base += name_len + value_len
    packed = (_PACK[n] if n < len(_PACK) else struct.Struct("%dN" % (4 * n))).pack(*fields)
    return packed, n, keep


def select_headers(headers, all_headers=False):
    """The (name, value) byte pairs that :func:`header_array` hands over."""
    packed, n, keep = header_array(headers, all_headers)
    if not n:
        return []
    # The addresses as numbers: a c_char_p field would read as bytes up to a NUL.
    fields = struct.unpack("%dN" % (4 * n), packed)
    return [
        (string_at(fields[i], fields[i + 1]), string_at(fields[i + 2], fields[i + 3]))
        for i in range(0, 4 * n, 4)
    ]


class _Addr(Union):
    _fields_ = [("p", c_char_p), ("a", c_size_t)]


def address_union(data):
    """The address of a bytes object's buffer, read through a union:
    assigning bytes to a c_char_p takes the buffer without a copy, and the
    union keeps the object alive as long as it lives."""
    keep = _Addr()
    keep.p = data
    return keep.a, keep


def address_id(data):
    """The same on CPython, from the object's address: ``PyBytesObject``
    keeps its bytes at a fixed offset (checked at import)."""
    return id(data) + _BYTES_OFFSET, data


def _pick_address():
    if platform.python_implementation() != "CPython":
        return address_union
    probes = [b"x-cos-request-id", b"\x00" * 100, "ascii".encode()]
    for probe in probes:
        if address_union(probe)[0] != id(probe) + _BYTES_OFFSET:
            return address_union
    return address_id


_BYTES_OFFSET = bytes.__basicsize__ - 1
#: :func:`address_id` where it is checked to hold, else :func:`address_union`.
address = _pick_address()
