"""The whole value of a text the record cut.

The C record holds each text in a fixed, NUL-terminated array: a value
longer than the array, or holding a NUL byte, is cut there and its bit set
in ``truncated``. The texts this package hands out are whole, taken from
where the library took the value:

- a header's value or the URL (``from_header``): the input that
  ``coserr_parse_response_spans`` points at;
- the message of a body that could not be read (a client error), or of a
  body without a message of its own when the code came from
  ``x-cos-error-code``: the body, as text;
- any other body field: ``coserr_field_value``, its whole decoded value.

No body is read here: the library says what every value is.
"""

from ctypes import byref, c_size_t, create_string_buffer

from . import _ffi
from ._bytes import text
from ._enums import FIELDS, Field, Kind
from ._headers import select_headers
from ._response import response, url_bytes


def field_value(body, field, cap=None):
    """``coserr_field_value``: the whole decoded value of one body field
    (a :class:`Field` bit), or ``None`` when the body has no such field.

    The first call gets a buffer of ``cap`` bytes, by default the body's
    size: a value decoded from a body is no longer than the body in
    practice, so one parse is enough; a second one gets what did not fit."""
    n = c_size_t()
    if cap is None:
        cap = len(body) + 1
    while True:
        buf = create_string_buffer(cap)
        if _ffi.field_value(body, len(body), field, buf, cap, byref(n)) != _ffi.OK:
            return None
        if n.value < cap:
            return text(buf.raw[: n.value])
        cap = n.value + 1


def body_value(body, record, field):
    """The whole value of ``field``, which the record took from ``body``."""
    if field == Field.MESSAGE:
        if record.kind == Kind.CLIENT:
            return text(body)  # the message of a body that could not be read
        if record.from_header & Field.CODE:
            # Beside an x-cos-error-code: the body's own message, else its text.
            return field_value(body, field) or text(body)
    return field_value(body, field)


# The headers a field falls back to, in the library's order of preference;
# of each name, the first non-empty one counts.
_HEADER_NAMES = {
    Field.CODE: (b"x-cos-error-code",),
    Field.REQUEST_ID: (b"x-cos-request-id", b"x-ci-request-id", b"x-img-request-id"),
    Field.TRACE_ID: (b"x-cos-trace-id",),
    Field.LOCATION: (b"location",),
    Field.REGION: (b"x-cos-bucket-region",),
}


def _cut_to_nothing(field, pairs, url):
    """The input of a header value (or URL) that the record cut to nothing,
    at a NUL byte in first place: its span is empty and says no source, so
    the input is the one the library picks by its order of preference. Only
    a value that does start with a NUL byte is taken."""
    if field == Field.RESOURCE:
        source = url
    else:
        source = None
        for wanted in _HEADER_NAMES.get(field, ()):
            source = next((value for name, value in pairs if value and name.lower() == wanted), None)
            if source:
                break
    return source if source and source.startswith(b"\0") else None


def input_values(record, status, body, headers, method, url, all_headers):
    """``{field: text}``: the whole values of the fields the record took
    from a header or the URL and cut.

    ``coserr_parse_response_spans`` says which input each came from. It is
    given the same inputs, with the header values and the URL as the
    library reads them (invalid UTF-8 replaced), so that the spans of these
    values always point into an input (never into decoded text)."""
    selected = select_headers(headers, all_headers) if headers else []
    pairs = [(name, text(value).encode("utf-8")) for name, value in selected]
    if url:
        url = text(url_bytes(url)).encode("utf-8")
    resp = response(status, body, pairs, method, url, all_headers=True)
    spans = _ffi.Spans()
    scratch = create_string_buffer(_ffi.TEXT_CAPACITY)
    if _ffi.parse_response_spans(resp, spans, scratch, len(scratch)) not in (_ffi.OK, _ffi.NOT_AN_ERROR):
        return {}
    found = {}
    for field, name in FIELDS:
        if not record.truncated & record.from_header & field:
            continue
        span = getattr(spans, name)
        if span.source == _ffi.SOURCE_HEADER:
            source = pairs[span.header][1]
        elif span.source == _ffi.SOURCE_URL:
            source = url
        elif span.source == _ffi.SOURCE_NONE:
            source = _cut_to_nothing(field, pairs, url)
            if source is None:
                continue
        else:
            continue
        # The library takes a header value or the URL whole, from the span's
        # start: only its array cut it.
        found[field] = source[span.offset :].decode("utf-8")
    return found
