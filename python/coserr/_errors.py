"""The exceptions and the response entry points."""

import platform
import struct
from ctypes import Union, byref, c_char_p, c_size_t, create_string_buffer, string_at
from enum import IntEnum, IntFlag

from . import _ffi

__all__ = [
    "BodyStatus",
    "Category",
    "CosClientError",
    "CosError",
    "CosServiceError",
    "Field",
    "Flag",
    "Kind",
    "UNKNOWN",
    "error_from_requests",
    "error_from_response",
    "parse_body",
]

#: What the COS Python SDK's getters answer when they know nothing.
UNKNOWN = "Unknown"


class Kind(IntEnum):
    """``COSERR_KIND_*``."""

    NONE = 0
    SERVICE = 1
    CLIENT = 2


class BodyStatus(IntEnum):
    """``COSERR_BODY_*``: the verdict on the body."""

    OK = 0
    EMPTY = 1
    NOT_XML = 2
    MALFORMED = 3
    NOT_ERROR_DOC = 4


class Field(IntFlag):
    """``COSERR_FIELD_*``: bits of ``present``, ``from_header``, ``truncated``."""

    CODE = 1
    MESSAGE = 2
    RESOURCE = 4
    REQUEST_ID = 8
    TRACE_ID = 16
    SERVER_TIME = 32


class Flag(IntFlag):
    """``COSERR_FLAG_*``."""

    PARTIAL = 1
    IDS_DISAGREE = 2


class Category(IntEnum):
    """``COSERR_CATEGORY_*``: what kind of failure the status and code describe."""

    OTHER = 0
    NOT_FOUND = 1
    ACCESS_AUTH = 2
    CONFLICT = 3
    PRECONDITION = 4
    THROTTLED = 5
    INVALID_REQUEST = 6
    SERVER = 7
    REDIRECT = 8


# The headers DESIGN §3 reads (lowercase). Only these are handed to the C
# library: the others cannot change the record, and skipping them here saves
# building a ctypes array entry per header (see README, "Decisions").
RELEVANT_HEADERS = frozenset(
    (
        "x-cos-error-code",
        "x-cos-request-id",
        "x-ci-request-id",
        "x-img-request-id",
        "x-cos-trace-id",
    )
)

_Error = _ffi.Error
_Response = _ffi.Response
_Header = _ffi.Header
_parse_response = _ffi.parse_response
_parse_body = _ffi.parse_body
_SERVICE = Kind.SERVICE.value
_CLIENT = Kind.CLIENT.value
_OK = _ffi.OK
_NOT_AN_ERROR = _ffi.NOT_AN_ERROR
_new = Exception.__new__


def _to_bytes(value, what):
    """Header names and values, methods, URLs: ``str`` or bytes-like."""
    if type(value) is bytes:
        return value
    if isinstance(value, str):
        # http.client and requests decode header bytes as ISO-8859-1, so
        # encoding back gives the bytes the server sent (a UTF-8 value is
        # then read as UTF-8 by coserr). Text outside Latin-1 can only be
        # the caller's own: send it as UTF-8.
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            return value.encode("utf-8")
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise TypeError("coserr: %s must be str or bytes, not %s" % (what, type(value).__name__))


def _body_bytes(body):
    if type(body) is bytes:
        return body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    raise TypeError("coserr: body must be bytes or str, not %s" % type(body).__name__)


def _header_items(headers):
    items = getattr(headers, "items", None)
    if items is not None:
        return items()
    return headers  # an iterable of (name, value) pairs


# The same names as bytes, so that bytes header names are selected too.
_RELEVANT_ANY = RELEVANT_HEADERS | frozenset(h.encode("ascii") for h in RELEVANT_HEADERS)
_PACK = [struct.Struct("%dN" % (4 * n)) for n in range(9)]


class _Addr(Union):
    _fields_ = [("p", c_char_p), ("a", c_size_t)]


def _header_bytes(piece):
    """A header name or value as the bytes to hand over."""
    if isinstance(piece, str):
        # http.client and requests decode header bytes as ISO-8859-1, so
        # encoding back gives the bytes the server sent (coserr then reads a
        # UTF-8 value as UTF-8). Text outside Latin-1 can only be the
        # caller's own: send it as UTF-8.
        try:
            return piece.encode("latin-1")
        except UnicodeEncodeError:
            return piece.encode("utf-8")
    return _to_bytes(piece, "header name or value")


def _headers_array(headers, all_headers=False):
    """A ``coserr_header`` array of the headers coserr reads, in their order.

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
        text = "".join(pieces).encode("latin-1")  # all str, all Latin-1: the usual case
    except (TypeError, UnicodeEncodeError):
        pieces = [_header_bytes(p) for p in pieces]
        text = b"".join(pieces)
    base, keep = _address(text)
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


def _address_union(data):
    """The address of a bytes object's buffer, read through a union:
    assigning bytes to a c_char_p takes the buffer without a copy, and the
    union keeps the object alive as long as it lives."""
    keep = _Addr()
    keep.p = data
    return keep.a, keep


def _address_id(data):
    """The same on CPython, from the object's address: ``PyBytesObject``
    keeps its bytes at a fixed offset (checked at import)."""
    return id(data) + _BYTES_OFFSET, data


def _pick_address():
    if platform.python_implementation() != "CPython":
        return _address_union
    probes = [b"x-cos-request-id", b"\x00" * 100, "ascii".encode()]
    for probe in probes:
        if _address_union(probe)[0] != id(probe) + _BYTES_OFFSET:
            return _address_union
    return _address_id


_BYTES_OFFSET = bytes.__basicsize__ - 1
_address = _pick_address()


def _select_headers(headers, all_headers=False):
    """The (name, value) byte pairs that go to the C library (for tests)."""
    packed, n, keep = _headers_array(headers, all_headers)
    if not n:
        return []
    arr = (_Header * n).from_buffer_copy(packed)
    return [(string_at(h.name, h.name_len), string_at(h.value, h.value_len)) for h in arr]


def _raise_result(rc):
    raise RuntimeError(
        "coserr: %s" % (_ffi.result_name(rc) or b"unknown result").decode("ascii", "replace")
    )


# Methods as bytes, without an encode per call.
_METHODS = {m: m.encode("ascii") for m in ("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH")}


def error_from_response(status, body, headers=None, method=None, url=None, _all_headers=False):
    """The exception for an HTTP response, or ``None`` when it is not an error.

    ``status`` is the HTTP status (0 = unknown); ``body`` bytes or str (str is
    sent as UTF-8); ``headers`` a mapping or a list of ``(name, value)``
    pairs, names in any case; ``method`` (``"HEAD"``...) and ``url`` optional.
    Returns a :class:`CosServiceError` or a :class:`CosClientError` (to raise),
    following DESIGN §3's decision table.
    """
    if type(body) is not bytes:
        body = _body_bytes(body)
    if type(status) is not int:
        status = int(status)
    if not 0 <= status <= 0xFFFFFFFF:
        raise ValueError("coserr: status out of range: %r" % (status,))
    resp = _Response()
    resp.status = status
    if body:
        resp.body = body
        resp.body_len = len(body)
    if method:
        m = _METHODS.get(method)
        if m is None:
            m = method.encode("latin-1", "replace") if type(method) is str else _to_bytes(method, "method")
        resp.method = m
        resp.method_len = len(m)
    if url:
        u = url.encode("utf-8") if type(url) is str else _to_bytes(url, "url")
        resp.url = u
        resp.url_len = len(u)
    keep = None
    if headers:
        packed, n, keep = _headers_array(headers, _all_headers)
        if n:
            resp.headers = packed  # the Response keeps the array alive,
            resp.header_count = n  # and `keep` the text it points into
    out = _Error()
    rc = _parse_response(resp, out)
    del keep
    if rc == _OK:
        cls = CosServiceError if out.kind == _SERVICE else CosClientError
        err = _new(cls, status, body)
        err._e = out
        err._body = body
        if method is not None:
            err._method = method
        if url is not None:
            err._url = url
        return err
    if rc == _NOT_AN_ERROR:
        return None
    _raise_result(rc)


def error_from_requests(resp):
    """:func:`error_from_response` for a ``requests.Response`` (duck-typed:
    ``status_code``, ``content``, ``headers``, ``request.method``, ``url``;
    requests itself is never imported)."""
    request = getattr(resp, "request", None)
    method = getattr(request, "method", None) if request is not None else None
    return error_from_response(
        resp.status_code, resp.content, resp.headers, method, getattr(resp, "url", None)
    )


def parse_body(body):
    """The body alone, status unknown (``coserr_parse_body``): a
    :class:`CosServiceError` for an error document, a :class:`CosClientError`
    for a body that is not XML or is malformed, else ``None``."""
    body = _body_bytes(body)
    out = _Error()
    rc = _parse_body(body, len(body), byref(out))
    if rc == _OK:
        cls = CosServiceError if out.kind == _SERVICE else CosClientError
        err = _new(cls, out.status, body)
        err._set(out, body, None, None)
        return err
    if rc == _NOT_AN_ERROR:
        return None
    _raise_result(rc)


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


def _text(raw):
    return raw.decode("utf-8", "replace")


def _restore(cls, record, body, method, url, message=None):
    """Unpickles an error (see :meth:`CosError.__reduce__`)."""
    err = cls.__new__(cls)
    err._set(_Error.from_buffer_copy(record), body, method, url)
    if message is not None:
        err._message = message
        err.args = (message,)
    return err


class CosError(Exception):
    """An error of a COS response: the record coserr built, the body it came
    from, and the COS Python SDK's getters over them.

    Field values are decoded from the record when first asked for.
    """

    _e = None
    _body = b""
    _method = None
    _url = None
    _digest = None
    _message = None
    _wholes = None

    def _set(self, record, body, method, url):
        self._e = record
        self._body = body
        self._method = method
        self._url = url
        self.args = (record.status, body)

    def _field(self, bit, name):
        """The text of the record's field ``name``, or None when absent."""
        e = self._e
        if not e.present & bit:
            return None
        if e.truncated & bit or (bit == 2 and e.kind == _CLIENT):
            return self._whole(bit, getattr(e, name))
        return getattr(e, name).decode("utf-8", "replace")

    def _sdk(self, bit, name):
        """The SDK getters' value: the text, or ``"Unknown"`` when absent or empty."""
        value = self._field(bit, name)
        return value if value else UNKNOWN

    def _whole(self, bit, raw):
        """A value the fixed, NUL-terminated record had to cut, whole again
        where Python can tell it: the body of a client error (its message),
        or a field of a well-formed body. Anything else stays as recorded."""
        cut = raw.decode("utf-8", "replace")
        e = self._e
        if bit == 2 and self._message is not None:
            return self._message  # CosClientError(message), SDK style
        if e.from_header & bit or not self._body:
            return cut
        if e.kind == _CLIENT and bit == 2:
            full = self._body.decode("utf-8", "replace")
        elif e.body_status == 0:
            if self._wholes is None:
                self._wholes = _full_values(self._body)
            full = self._wholes.get(_FIELD_NAMES[bit])
        else:
            return cut
        if full is None or not full.startswith(cut):
            return cut
        return full

    # -- the COS Python SDK's getters -------------------------------------

    def get_origin_msg(self):
        """The body as received, as text (the SDK's ``res.text``)."""
        return self._body.decode("utf-8", "replace")

    def get_digest_msg(self):
        """A dict with the SDK's keys ``code``, ``message``, ``resource``,
        ``requestid``, ``traceid``; a value the record lacks (or has empty)
        reads ``"Unknown"``, as the SDK's getters do."""
        d = self._digest
        if d is None:
            e = self._e
            p = e.present
            if e.truncated or e.kind == _CLIENT:
                d = {
                    "code": self.get_error_code(),
                    "message": self.get_error_msg(),
                    "resource": self.get_resource_location(),
                    "requestid": self.get_request_id(),
                    "traceid": self.get_trace_id(),
                }
            else:  # the usual case, in one go
                d = {
                    "code": (p & 1 and e.code.decode("utf-8", "replace")) or UNKNOWN,
                    "message": (p & 2 and e.message.decode("utf-8", "replace")) or UNKNOWN,
                    "resource": (p & 4 and e.resource.decode("utf-8", "replace")) or UNKNOWN,
                    "requestid": (p & 8 and e.request_id.decode("utf-8", "replace")) or UNKNOWN,
                    "traceid": (p & 16 and e.trace_id.decode("utf-8", "replace")) or UNKNOWN,
                }
            self._digest = d
        return d

    def get_status_code(self):
        """The HTTP status (0 when unknown)."""
        return self._e.status

    def get_error_code(self):
        """The COS code, e.g. ``NoSuchKey`` (``"Unknown"`` when absent)."""
        return self._sdk(1, "code")

    def get_error_msg(self):
        """The message (``"Unknown"`` when absent)."""
        return self._sdk(2, "message")

    def get_resource_location(self):
        """The resource: the body's, else the URL (``"Unknown"`` when neither)."""
        return self._sdk(4, "resource")

    def get_request_id(self):
        """The request id: the body's, else ``x-cos-request-id`` (or the CI /
        image headers). The key for COS's diagnosis tool."""
        return self._sdk(8, "request_id")

    def get_trace_id(self):
        """The trace id: the body's, else ``x-cos-trace-id``."""
        return self._sdk(16, "trace_id")

    # -- the rest of the record -------------------------------------------

    @property
    def kind(self):
        """:class:`Kind`: ``SERVICE`` or ``CLIENT``."""
        return Kind(self._e.kind)

    @property
    def status(self):
        """The HTTP status (0 when unknown)."""
        return self._e.status

    @property
    def code(self):
        """``Code`` as the record has it; ``None`` when absent, ``""`` when empty."""
        return self._field(1, "code")

    @property
    def message(self):
        """``Message``; ``None`` when absent. For a client error from a response,
        the body as text (the record keeps its first 1023 bytes)."""
        return self._field(2, "message")

    @property
    def resource(self):
        """``Resource`` (or the URL); ``None`` when absent."""
        return self._field(4, "resource")

    @property
    def request_id(self):
        """``RequestId`` (or a request-id header); ``None`` when absent."""
        return self._field(8, "request_id")

    @property
    def trace_id(self):
        """``TraceId`` (or ``x-cos-trace-id``); ``None`` when absent."""
        return self._field(16, "trace_id")

    @property
    def server_time(self):
        """``ServerTime`` (sent with signature errors); ``None`` when absent."""
        return self._field(32, "server_time")

    @property
    def body_status(self):
        """:class:`BodyStatus`: the verdict on the body."""
        return BodyStatus(self._e.body_status)

    @property
    def body_offset(self):
        """Where a ``MALFORMED`` body went wrong (byte offset)."""
        return self._e.body_offset

    @property
    def present(self):
        """:class:`Field` bits of the fields the record has (possibly empty)."""
        return Field(self._e.present)

    @property
    def from_header(self):
        """:class:`Field` bits of the values that came from a header or the URL."""
        return Field(self._e.from_header)

    @property
    def truncated(self):
        """:class:`Field` bits of the values cut to the record's capacity."""
        return Field(self._e.truncated)

    @property
    def flags(self):
        """:class:`Flag` bits: ``PARTIAL``, ``IDS_DISAGREE``."""
        return Flag(self._e.flags)

    @property
    def partial(self):
        """The body was cut or malformed; the fields completed before that are kept."""
        return bool(self._e.flags & 1)

    @property
    def ids_disagree(self):
        """The body's request or trace id differs from the header's."""
        return bool(self._e.flags & 2)

    @property
    def code_id(self):
        """The known COS code's id (0 = not in the COS table)."""
        return self._e.code_id

    @property
    def code_name(self):
        """The known COS code (``""`` when the code is not in the table)."""
        return _text(_ffi.code_name(self._e.code_id) or b"")

    @property
    def category(self):
        """:class:`Category` of the failure."""
        return Category(self._e.category)

    @property
    def retryable(self):
        """Whether retrying the same request may succeed."""
        return bool(self._e.retryable)

    @property
    def is_not_found(self):
        """The resource does not exist (``NoSuchKey``, HEAD 404...)."""
        return self._e.category == 1

    @property
    def body(self):
        """The body bytes as received."""
        return self._body

    @property
    def method(self):
        return self._method

    @property
    def url(self):
        return self._url

    @property
    def extras(self):
        """The error element's other children (``HostId``, ``StringToSign``...),
        in document order, as a list of ``(name, value)``."""
        return _extras(self._body)

    # DESIGN §1's member names, as aliases.
    status_code = status
    error_code = code
    error_msg = message
    resource_location = resource

    def format(self):
        """The one-line display for logs and support tickets (``coserr_format``):
        always status, code, message, request id and trace id."""
        return _ffi.call_text(_ffi.format_error, byref(self._e))

    def to_json(self):
        """The JSON digest (``coserr_to_json``): the SDK's keys, ``null`` when
        absent, then ``status`` and ``kind``."""
        return _ffi.call_text(_ffi.to_json, byref(self._e))

    def record_bytes(self):
        """The raw ``coserr_error`` record (2604 bytes)."""
        return bytes(self._e)

    def __str__(self):
        return self.format()

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.format())

    def __reduce__(self):
        return (_restore, (type(self), bytes(self._e), self._body, self._method, self._url, self._message))


def _init_from_sdk_args(self, method, message, status_code):
    """``CosServiceError(method, message, status_code)``, the SDK's constructor."""
    status = int(status_code or 0)
    if not isinstance(message, (str, bytes, bytearray, memoryview)) and hasattr(message, "items"):
        # The SDK passes a dict of its digest keys for HEAD 404 and for
        # vector-bucket errors, and the response headers for a body-less
        # error. Ids go through coserr's header fallback, the rest is copied.
        lower = {str(k).lower(): v for k, v in message.items()}
        headers = [
            (h, str(lower[k]))
            for k, h in (("requestid", "x-cos-request-id"), ("traceid", "x-cos-trace-id"))
            if lower.get(k) is not None
        ]
        headers += [(h, str(lower[h])) for h in RELEVANT_HEADERS if lower.get(h) is not None]
        err = error_from_response(max(status, 400), b"", headers, None, lower.get("resource"))
        record = err._e
        record.status = status
        record.kind = _SERVICE
        for key, name, bit, cap in (
            ("code", "code", 1, _ffi.CODE_CAP),
            ("message", "message", 2, _ffi.MESSAGE_CAP),
        ):
            if lower.get(key) is not None:
                raw = str(lower[key]).encode("utf-8")
                cut = raw[: cap - 1].decode("utf-8", "ignore").encode("utf-8")
                setattr(record, name, cut)
                record.present |= bit
                record.from_header &= ~bit
                if len(cut) < len(raw):
                    record.truncated |= bit
        self._set(record, b"", method, lower.get("resource"))
        return
    body = _body_bytes(message)
    err = error_from_response(status, body, None, method)
    if err is None:
        # Not an error by coserr's table (a 2xx without an error document),
        # but the caller says it is one: keep the body's fields, if any.
        err = parse_body(body)
    if err is None:
        record = _Error()
    else:
        record = err._e
    record.kind = _SERVICE
    record.status = status
    self._set(record, body, method, None)


class CosServiceError(CosError):
    """The server answered and the operation failed.

    Built by :func:`error_from_response`; also constructible as the SDK's
    ``CosServiceError(method, message, status_code)``, ``message`` being the
    body (str or bytes) or a dict of the SDK's digest keys.
    """

    def __init__(self, method, message, status_code):
        _init_from_sdk_args(self, method, message, status_code)

    def __str__(self):
        # The SDK's str(e): the digest dict as text.
        return str(self.get_digest_msg())


class CosClientError(CosError):
    """The client and server did not interact normally. From a response: the
    data the server returned could not be parsed (``body_status`` says why;
    status and header ids are kept, ``message`` is the start of the body).

    Also constructible as the SDK's ``CosClientError(message)``.
    """

    def __init__(self, message):
        record = _Error()
        record.kind = _CLIENT
        text = str(message)
        record.message = text.encode("utf-8")[: _ffi.MESSAGE_CAP - 1].decode("utf-8", "ignore").encode("utf-8")
        record.present = 2
        self._set(record, b"", None, None)
        self._message = text
        self.args = (text,)

    def __str__(self):
        if self._message is not None:
            return self._message
        return self.format()


def _extras(body):
    """The extras of ``body`` in one pass: ``coserr_extras_begin`` parses it
    once, then each ``coserr_extras_next`` reads on to the next extra. An
    extra cut to the buffers is read again, bigger, from a copy of the
    iterator taken before it."""
    if not body:
        return []
    n = len(body)
    it = _ffi.ExtrasIter()
    if _ffi.extras_begin(body, n, byref(it)) != _OK:
        return []
    name_len = c_size_t()
    value_len = c_size_t()
    name_buf = create_string_buffer(256)
    value_buf = create_string_buffer(4096)
    out = []
    while True:
        before = _ffi.ExtrasIter.from_buffer_copy(it)
        rc = _ffi.extras_next(
            body, n, byref(it), name_buf, len(name_buf), byref(name_len),
            value_buf, len(value_buf), byref(value_len),
        )
        if rc != _OK:
            break
        if name_len.value >= len(name_buf) or value_len.value >= len(value_buf):
            name_buf = create_string_buffer(max(len(name_buf), name_len.value + 1))
            value_buf = create_string_buffer(max(len(value_buf), value_len.value + 1))
            it = before
            rc = _ffi.extras_next(
                body, n, byref(it), name_buf, len(name_buf), byref(name_len),
                value_buf, len(value_buf), byref(value_len),
            )
            if rc != _OK:
                break
        out.append(
            (
                name_buf.raw[: name_len.value].decode("utf-8", "replace"),
                value_buf.raw[: value_len.value].decode("utf-8", "replace"),
            )
        )
    return out
