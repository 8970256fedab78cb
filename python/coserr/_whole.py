"""The whole value of a text the record cut.

The C record holds each text in a fixed, NUL-terminated array: a value
longer than the array, or holding a NUL byte, is cut there and its bit set
in ``truncated``. The texts this package hands out are whole, taken from
where the library took the value:

- a header's value or the URL (``from_header``): the input that
  ``coserr_parse_response_spans`` points at;
- the message of a client error: the body, as text;
- any other field of a well-formed body: read again here (for now).
"""

from ctypes import create_string_buffer

from . import _ffi
from ._bytes import text
from ._enums import FIELDS, Field, Kind
from ._headers import select_headers
from ._response import response, url_bytes


def body_value(body, record, field):
    """The whole value of ``field``, which the record took from ``body``."""
    if field == Field.MESSAGE and record.kind == Kind.CLIENT:
        return text(body)
    if record.body_status != 0:
        return None
    return _full_values(body).get(_FIELD_NAMES[field])


_FIELD_NAMES = {
    1: "Code",
    2: "Message",
    4: "Resource",
    8: "RequestId",
    16: "TraceId",
    32: "ServerTime",
}


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _full_values(body):
    """The whole values of the six fields of a body coserr found well-formed
    (DESIGN §2's rules, read with the standard library): ``{name: text}``.
    Only used for values longer than the record's capacity, and checked
    against the record's prefix by the caller."""
    found = {}
    try:
        start = 3 if body.startswith(b"\xef\xbb\xbf") else 0
        doc = body[start:].lstrip(b" \t\r\n")
        if doc.startswith(b"<"):
            from xml.etree import ElementTree

            root = ElementTree.fromstring(doc)
            err = None
            if _local(root.tag) == "Error":
                err = root
            elif _local(root.tag) == "ErrorResponse":
                err = next((c for c in root if _local(c.tag) == "Error"), None)
            for child in err if err is not None else ():
                found.setdefault(_local(child.tag), "".join(child.itertext()))
        elif doc.startswith(b"{"):
            import json

            obj = json.loads(doc.decode("utf-8"), parse_int=str, parse_float=str)

            def norm(obj):
                if not isinstance(obj, dict):
                    return {}
                return {k.lower().replace("_", "").replace("-", ""): v for k, v in obj.items()}

            top = norm(obj)
            response = norm(top.get("response"))
            scopes = (top, norm(top.get("error")), response, norm(response.get("error")))
            for name in _FIELD_NAMES.values():
                for scope in scopes:
                    value = scope.get(name.lower())
                    if isinstance(value, str):
                        found[name] = value
                        break
    except Exception:
        return {}
    return found


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
        else:
            continue
        # The library takes a header value or the URL whole, from the span's
        # start: only its array cut it.
        found[field] = source[span.offset :].decode("utf-8")
    return found
