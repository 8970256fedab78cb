"""ctypes view of the coserr C ABI (``include/coserr.h``; its conventions
are in docs/abi.md of the coserr repository).

The structures mirror ``coserr_header``, ``coserr_response``,
``coserr_error``, ``coserr_extras_iter``, ``coserr_span`` and
``coserr_spans`` field for field, in the header's order; their sizes are
checked at import so that a layout change in the C ABI fails loudly here
instead of reading garbage.
"""

import ctypes
import importlib.machinery
import os
import sys
from ctypes import (
    POINTER,
    Structure,
    c_char,
    c_char_p,
    c_int64,
    c_size_t,
    c_uint32,
    c_uint64,
    c_void_p,
    sizeof,
)

# Results (COSERR_*).
OK = 0
NOT_AN_ERROR = 1
NULL_ARGUMENT = 2
PANIC = 3
INVALID_ARGUMENT = 4
NOT_FOUND = 5

# Where a text of coserr_parse_response_spans lies (COSERR_SOURCE_*).
SOURCE_NONE = 0
SOURCE_BODY = 1
SOURCE_URL = 2
SOURCE_HEADER = 3
SOURCE_TEXT = 4

# The least text buffer of coserr_parse_response_spans (COSERR_TEXT_CAPACITY):
# the eight texts' capacities summed, NULs left out.
TEXT_CAPACITY = 63 + 1023 + 1023 + 127 + 255 + 63 + 1023 + 63

# Capacities of the record's strings, NUL included (the C arrays).
CODE_CAP = 64
MESSAGE_CAP = 1024
RESOURCE_CAP = 1024
REQUEST_ID_CAP = 128
TRACE_ID_CAP = 256
SERVER_TIME_CAP = 64
LOCATION_CAP = 1024
REGION_CAP = 64


class Header(Structure):
    """``coserr_header``: one response header, name and value as byte slices."""

    _fields_ = [
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("value", c_char_p),
        ("value_len", c_size_t),
    ]


class Response(Structure):
    """``coserr_response``: everything coserr needs of an HTTP response.

    Pointers are declared ``c_char_p`` (ABI-identical to ``const uint8_t *``)
    so that a ``bytes`` object can be assigned without a copy; the structure
    keeps a reference to it for as long as it lives.
    """

    _fields_ = [
        ("status", c_uint32),
        ("method", c_char_p),
        ("method_len", c_size_t),
        ("url", c_char_p),
        ("url_len", c_size_t),
        # const coserr_header *: declared c_char_p so that a packed array
        # (bytes) can be assigned without a copy and is kept alive.
        ("headers", c_char_p),
        ("header_count", c_size_t),
        ("body", c_char_p),
        ("body_len", c_size_t),
    ]


# The eleven numbers that start coserr_error, and coserr_spans likewise.
RECORD_NUMBERS = [
    ("kind", c_uint32),
    ("status", c_uint32),
    ("body_status", c_uint32),
    ("body_offset", c_uint32),
    ("present", c_uint32),
    ("from_header", c_uint32),
    ("truncated", c_uint32),
    ("flags", c_uint32),
    ("code_id", c_uint32),
    ("category", c_uint32),
    ("retryable", c_uint32),
]


class Error(Structure):
    """``coserr_error``: the fixed-size error record (no pointers, no bool)."""

    _fields_ = RECORD_NUMBERS + [
        ("code", c_char * CODE_CAP),
        ("message", c_char * MESSAGE_CAP),
        ("resource", c_char * RESOURCE_CAP),
        ("request_id", c_char * REQUEST_ID_CAP),
        ("trace_id", c_char * TRACE_ID_CAP),
        ("server_time", c_char * SERVER_TIME_CAP),
        # ABI version 2: the decisions, and the two header texts.
        ("retry", c_uint32),
        ("server_time_ms", c_int64),
        ("location", c_char * LOCATION_CAP),
        ("region", c_char * REGION_CAP),
    ]


class ExtrasIter(Structure):
    """``coserr_extras_iter``: a paused one-pass iteration over the extras of
    one body (offsets into it, plain numbers): ``extras_begin`` fills it,
    ``extras_next`` moves it on. A copy taken before ``extras_next`` reads the
    same extra again."""

    _fields_ = [
        ("pos", c_uint64),
        ("end", c_uint64),
        ("seen", c_uint32),
        ("reserved", c_uint32),
    ]


class Span(Structure):
    """``coserr_span``: where one text of ``coserr_parse_response_spans``
    lies: ``len`` bytes at ``offset`` in the input ``source`` names (for
    ``SOURCE_HEADER``, the value of header number ``header``)."""

    _fields_ = [
        ("source", c_uint32),
        ("header", c_uint32),
        ("offset", c_uint32),
        ("len", c_uint32),
    ]


class Spans(Structure):
    """``coserr_spans``: the record's numbers, where each of its eight texts
    lies, and the body's extras iteration."""

    _fields_ = RECORD_NUMBERS + [
        ("has_extras", c_uint32),
        ("code", Span),
        ("message", Span),
        ("resource", Span),
        ("request_id", Span),
        ("trace_id", Span),
        ("server_time", Span),
        ("extras", ExtrasIter),
        ("location", Span),
        ("region", Span),
        ("retry", c_uint32),
        ("reserved", c_uint32),
        ("server_time_ms", c_int64),
    ]


# The expected layout, computed by hand from the C header. The record: 11 x
# uint32 (44), 2560 bytes of char arrays (to 2604), retry (uint32, to 2608:
# already a multiple of 8), server_time_ms (int64, to 2616), location and
# region (1024 + 64, to 3704); alignment that of int64_t (8 on 64-bit
# targets; 3704 is a multiple of 8, so no tail padding).
_PTR = sizeof(c_void_p)
EXPECTED_ERROR_SIZE = 11 * 4 + (64 + 1024 + 1024 + 128 + 256 + 64) + 4 + 8 + 1024 + 64  # 3704
EXPECTED_ERROR_ALIGN = ctypes.alignment(c_int64)
EXPECTED_HEADER_SIZE = 4 * _PTR
EXPECTED_RESPONSE_SIZE = _PTR + 8 * _PTR  # uint32 padded to a pointer, then 8 words
EXPECTED_EXTRAS_ITER_SIZE = 2 * 8 + 2 * 4  # two uint64, two uint32: 24
# Twelve uint32 (48), six spans (to 144), the iterator (to 168), two spans
# (to 200), retry and reserved (to 208), server_time_ms (to 216).
EXPECTED_SPANS_SIZE = 12 * 4 + 6 * 16 + EXPECTED_EXTRAS_ITER_SIZE + 2 * 16 + 2 * 4 + 8  # 216

if (
    sizeof(Error) != EXPECTED_ERROR_SIZE
    or ctypes.alignment(Error) != EXPECTED_ERROR_ALIGN
    or Error.retry.offset != 2604
    or Error.server_time_ms.offset != 2608
    or Error.location.offset != 2616
    or Error.region.offset != 3640
):
    raise ImportError(
        "coserr: coserr_error layout mismatch: size %d (expected %d), align %d"
        % (sizeof(Error), EXPECTED_ERROR_SIZE, ctypes.alignment(Error))
    )
if sizeof(Header) != EXPECTED_HEADER_SIZE:
    raise ImportError("coserr: coserr_header layout mismatch: size %d" % sizeof(Header))
if sizeof(Response) != EXPECTED_RESPONSE_SIZE:
    raise ImportError("coserr: coserr_response layout mismatch: size %d" % sizeof(Response))
if sizeof(ExtrasIter) != EXPECTED_EXTRAS_ITER_SIZE or ExtrasIter.seen.offset != 16:
    raise ImportError("coserr: coserr_extras_iter layout mismatch: size %d" % sizeof(ExtrasIter))
if (
    sizeof(Spans) != EXPECTED_SPANS_SIZE
    or Spans.extras.offset != 144
    or Spans.location.offset != 168
    or Spans.server_time_ms.offset != 208
):
    raise ImportError("coserr: coserr_spans layout mismatch: size %d" % sizeof(Spans))


def _candidates():
    """Where the shared library may be, in order of preference."""
    env = os.environ.get("COSERR_LIBRARY")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    # Installed: setuptools-rust names the cdylib like an extension module,
    # coserr/_native.cpython-311-x86_64-linux-gnu.so (or .pyd / .abi3.so).
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        yield os.path.join(here, "_native" + suffix)
    # A source checkout (python/coserr beside ../target): the library that
    # `cargo build --release -p coserr-ffi` built (the crate's library is
    # called coserr_ffi), or the one `make lib` put in build/lib.
    if sys.platform == "darwin":
        names = ("libcoserr_ffi.dylib",)
    elif os.name == "nt":
        names = ("coserr_ffi.dll",)
    else:
        names = ("libcoserr_ffi.so",)
    root = os.path.dirname(os.path.dirname(here))
    for profile in ("release", "debug"):
        for name in names:
            yield os.path.join(root, "target", profile, name)
    for name in names:
        yield os.path.join(root, "build", "lib", name.replace("coserr_ffi", "coserr"))


def _load():
    tried = []
    for path in _candidates():
        if os.path.exists(path):
            return ctypes.CDLL(path), path
        tried.append(path)
    raise ImportError(
        "coserr: the native library (libcoserr) was not found; install the "
        "package with `pip install ./python`, or set COSERR_LIBRARY. Tried: "
        + ", ".join(tried)
    )


lib, LIBRARY_PATH = _load()

parse_response = lib.coserr_parse_response
parse_response.argtypes = [POINTER(Response), POINTER(Error)]  # pass the structures
parse_response.restype = c_uint32

parse_body = lib.coserr_parse_body
parse_body.argtypes = [c_char_p, c_size_t, POINTER(Error)]
parse_body.restype = c_uint32

parse_response_spans = lib.coserr_parse_response_spans
parse_response_spans.argtypes = [POINTER(Response), POINTER(Spans), c_char_p, c_size_t]
parse_response_spans.restype = c_uint32

format_error = lib.coserr_format
format_error.argtypes = [POINTER(Error), c_char_p, c_size_t]
format_error.restype = c_size_t

to_json = lib.coserr_to_json
to_json.argtypes = [POINTER(Error), c_char_p, c_size_t]
to_json.restype = c_size_t

result_name = lib.coserr_result_name
result_name.argtypes = [c_uint32]
result_name.restype = c_char_p

code_name = lib.coserr_code_name
code_name.argtypes = [c_uint32]
code_name.restype = c_char_p

# The service's clock minus the caller's (Unix ms, saturating): COSERR_OK,
# or COSERR_NOT_FOUND when the record does not know the service's clock.
clock_skew_ms = lib.coserr_clock_skew_ms
clock_skew_ms.argtypes = [POINTER(Error), c_int64, POINTER(c_int64)]
clock_skew_ms.restype = c_uint32

# The retry class of facts: status, code and message bytes, whether a request
# id came; COSERR_OK with *retry set.
retry_of = lib.coserr_retry_of
retry_of.argtypes = [c_uint32, c_char_p, c_size_t, c_char_p, c_size_t, c_uint32, POINTER(c_uint32)]
retry_of.restype = c_uint32

# The name of a COSERR_RETRY_* class ("" for a number that is not one).
retry_name = lib.coserr_retry_name
retry_name.argtypes = [c_uint32]
retry_name.restype = c_char_p

abi_version = lib.coserr_abi_version
abi_version.argtypes = []
abi_version.restype = c_uint32

#: ``COSERR_ABI_VERSION`` of the header these structures were written from.
EXPECTED_ABI_VERSION = 2
if abi_version() != EXPECTED_ABI_VERSION:
    raise ImportError(
        "coserr: %s has ABI version %d, this package expects %d"
        % (LIBRARY_PATH, abi_version(), EXPECTED_ABI_VERSION)
    )

# The one-pass extras iterator: coserr_extras_begin parses the body once,
# each coserr_extras_next reads on without parsing again. The same body must
# be passed to every call of one iteration.
extras_begin = lib.coserr_extras_begin
extras_begin.argtypes = [c_char_p, c_size_t, POINTER(ExtrasIter)]
extras_begin.restype = c_uint32

extras_next = lib.coserr_extras_next
extras_next.argtypes = [
    c_char_p,
    c_size_t,
    POINTER(ExtrasIter),
    c_char_p,
    c_size_t,
    POINTER(c_size_t),
    c_char_p,
    c_size_t,
    POINTER(c_size_t),
]
extras_next.restype = c_uint32


# A body field's whole decoded value (NUL bytes included), snprintf-like:
# (NULL, 0) asks for the length; COSERR_NOT_FOUND when the body has none.
field_value = lib.coserr_field_value
field_value.argtypes = [c_char_p, c_size_t, c_uint32, c_char_p, c_size_t, POINTER(c_size_t)]
field_value.restype = c_uint32


def call_text(fn, err):
    """Runs an snprintf-like formatter twice: once for the length, once to fill."""
    n = fn(err, None, 0)
    buf = ctypes.create_string_buffer(n + 1)
    fn(err, buf, n + 1)
    return buf.raw[:n].decode("utf-8", "replace")
