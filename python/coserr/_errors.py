"""The exceptions: CosError and its two kinds, with the COS Python SDK's
getters and constructors, over the record the C library built."""

from ctypes import byref, c_uint32

from . import _ffi
from ._bytes import body_bytes, text
from ._decision import RETRY_NAMES, Decisions
from ._enums import BodyStatus, Category, Field, Flag, Kind
from ._extras import extras
from ._headers import RELEVANT_HEADERS
from ._record import from_body, from_response
from ._response import check_status
from ._view import Number, Text

#: What the COS Python SDK's getters answer when they know nothing.
UNKNOWN = "Unknown"

_CLIENT = Kind.CLIENT.value
_SERVICE = Kind.SERVICE.value
_new = Exception.__new__
_NOT_FROM_COS = Flag.NOT_FROM_COS.value


def exception_for(record, status, body, method=None, url=None, wholes=None):
    """The :class:`CosServiceError` or :class:`CosClientError` of a record
    (of kind ``SERVICE`` or ``CLIENT``, status ``status``), without running
    a constructor."""
    cls = CosServiceError if record.kind == _SERVICE else CosClientError
    err = _new(cls, status, body)
    err._e = record
    err._body = body
    if method is not None:
        err._method = method
    if url is not None:
        err._url = url
    if wholes:
        err._wholes = wholes
    return err


def _restore(cls, record, body, method, url, message=None, wholes=None):
    """Unpickles an error (see :meth:`CosError.__reduce__`)."""
    err = cls.__new__(cls)
    err._set(_ffi.Error.from_buffer_copy(record), body, method, url, wholes)
    if message is not None:
        err._message = message
        err.args = (message,)
    return err


def _put_text(record, wholes, field, value):
    """Writes a caller's text into the record's array for ``field`` as the
    library would: cut to the array, on a character boundary, and at a NUL
    byte (C reads up to it), the ``truncated`` bit then set and the whole
    text kept in ``wholes``."""
    name = field.name.lower()
    raw = value.encode("utf-8")
    cap = getattr(_ffi.Error, name).size
    cut = raw[: cap - 1].decode("utf-8", "ignore").encode("utf-8").split(b"\0", 1)[0]
    setattr(record, name, cut)
    record.present |= field
    record.from_header &= ~field
    if cut != raw:
        record.truncated |= field
        wholes[field] = value


def _sdk_getter(attr):
    """The SDK's getter of a :class:`~coserr._view.Text`: the text, or ``"Unknown"`` when
    absent or empty."""
    field, name = attr.field, attr.name

    def getter(self):
        return self._sdk(field, name)

    getter.__doc__ = '``%s``, or ``"Unknown"`` when absent or empty, as the SDK\'s getter.' % name
    return getter


#: get_digest_msg's keys and the fields they read.
_DIGEST = tuple(
    (key, field, field.name.lower())
    for key, field in (
        ("code", Field.CODE),
        ("message", Field.MESSAGE),
        ("resource", Field.RESOURCE),
        ("requestid", Field.REQUEST_ID),
        ("traceid", Field.TRACE_ID),
    )
)


class CosError(Decisions, Exception):
    """An error of a COS response: the record coserr built, the body it came
    from, and the COS Python SDK's getters over them.

    Field values are decoded from the record when first asked for; a value
    the record had to cut is read whole from where the library took it.
    """

    _e = None
    _body = b""
    _method = None
    _url = None
    _digest = None
    _message = None
    #: {field: whole text} of values the record cut, once known.
    _wholes = None

    def _set(self, record, body, method, url, wholes=None):
        self._e = record
        self._body = body
        self._method = method
        self._url = url
        self._wholes = wholes
        self.args = (record.status, body)

    def _sdk(self, bit, name):
        """The SDK getters' value: the text, or ``"Unknown"`` when absent or empty."""
        value = self._field(bit, name)
        return value if value else UNKNOWN

    # -- the COS Python SDK's getters -------------------------------------

    def get_origin_msg(self):
        """The body as received, as text (the SDK's ``res.text``)."""
        return text(self._body)

    def get_digest_msg(self):
        """A dict with the SDK's keys ``code``, ``message``, ``resource``,
        ``requestid``, ``traceid``; a value the record lacks (or has empty)
        reads ``"Unknown"``, as the SDK's getters do."""
        d = self._digest
        if d is None:
            e = self._e
            p = e.present
            if e.truncated:
                d = {key: self._sdk(field, name) for key, field, name in _DIGEST}
            else:  # the usual case, in one go
                d = {
                    "code": (p & 1 and text(e.code)) or UNKNOWN,
                    "message": (p & 2 and text(e.message)) or UNKNOWN,
                    "resource": (p & 4 and text(e.resource)) or UNKNOWN,
                    "requestid": (p & 8 and text(e.request_id)) or UNKNOWN,
                    "traceid": (p & 16 and text(e.trace_id)) or UNKNOWN,
                }
            self._digest = d
        return d

    def get_status_code(self):
        """The HTTP status (0 when unknown)."""
        return self._e.status

    # -- the record's texts (None when absent) ----------------------------

    code = Text(Field.CODE, "``Code`` as the record has it; ``None`` when absent, ``\"\"`` when empty.")
    message = Text(
        Field.MESSAGE,
        "``Message``; ``None`` when absent. For a client error from a "
        "response, the body as text.",
    )
    resource = Text(Field.RESOURCE, "``Resource`` (or the URL); ``None`` when absent.")
    request_id = Text(
        Field.REQUEST_ID,
        "``RequestId`` (or ``x-cos-request-id``, else the CI or image "
        "request-id header): the key for COS's diagnosis tool; ``None`` when absent.",
    )
    trace_id = Text(Field.TRACE_ID, "``TraceId`` (or ``x-cos-trace-id``); ``None`` when absent.")
    server_time = Text(Field.SERVER_TIME, "``ServerTime`` (sent with signature errors); ``None`` when absent.")

    # The SDK's getters of the texts.
    get_error_code = _sdk_getter(code)
    get_error_msg = _sdk_getter(message)
    get_resource_location = _sdk_getter(resource)
    get_request_id = _sdk_getter(request_id)
    get_trace_id = _sdk_getter(trace_id)

    # -- the record's numbers ---------------------------------------------

    kind = Number("kind", Kind, ":class:`Kind`: ``SERVICE`` or ``CLIENT``.")
    body_status = Number("body_status", BodyStatus, ":class:`BodyStatus`: the verdict on the body.")
    body_offset = Number("body_offset", int, "Where a ``MALFORMED`` body went wrong (byte offset).")
    present = Number("present", Field, ":class:`Field` bits of the fields the record has (possibly empty).")
    from_header = Number(
        "from_header", Field, ":class:`Field` bits of the values that came from a header or the URL."
    )
    truncated = Number(
        "truncated", Field, ":class:`Field` bits of the values the record's arrays cut (the texts here are whole)."
    )
    flags = Number(
        "flags", Flag, ":class:`Flag` bits: ``PARTIAL``, ``IDS_DISAGREE``, ``SERVER_CLOCK``, ``NOT_FROM_COS``."
    )
    code_id = Number("code_id", int, "The known COS code's id (0 = not in the COS table).")
    category = Number("category", Category, ":class:`Category` of the failure.")
    # status, retryable and the decisions (retry, clock_skew, location,
    # region, from_cos): from Decisions, shared with coserr.Decision.

    @property
    def partial(self):
        """The body was cut or malformed; the fields completed before that are kept."""
        return bool(self._e.flags & Flag.PARTIAL)

    @property
    def ids_disagree(self):
        """The body's request or trace id differs from the header's."""
        return bool(self._e.flags & Flag.IDS_DISAGREE)

    @property
    def is_not_found(self):
        """The resource does not exist (``NoSuchKey``, HEAD 404...)."""
        return self._e.category == Category.NOT_FOUND

    @property
    def code_name(self):
        """The known COS code (``""`` when the code is not in the table)."""
        return text(_ffi.code_name(self._e.code_id) or b"")

    # -- the inputs -------------------------------------------------------

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
        return extras(self._body)

    # The member names of the COS SDK's error model, as aliases.
    status_code = Decisions.status
    error_code = code
    error_msg = message
    resource_location = resource

    def format(self):
        """The one-line display for logs and support tickets (``coserr_format``):
        always status, code, message, request id and trace id; the retry
        class when it is not ``"none"``."""
        return _ffi.call_text(_ffi.format_error, byref(self._e))

    def to_json(self):
        """The JSON digest (``coserr_to_json``): the SDK's keys, ``null`` when
        absent, then ``status``, ``kind`` and ``retry``."""
        return _ffi.call_text(_ffi.to_json, byref(self._e))

    def record_bytes(self):
        """The raw ``coserr_error`` record (``sizeof(coserr_error)``: 3704 bytes)."""
        return bytes(self._e)

    def __str__(self):
        return self.format()

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.format())

    def __reduce__(self):
        state = (bytes(self._e), self._body, self._method, self._url, self._message, self._wholes)
        return (_restore, (type(self),) + state)


def _init_from_sdk_args(self, method, message, status_code):
    """``CosServiceError(method, message, status_code)``, the SDK's constructor."""
    status = check_status(status_code or 0)
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
        resource = lower.get("resource")
        _, record, wholes = from_response(max(status, 400), b"", headers, None, resource)
        wholes = wholes or {}
        record.status = status
        record.kind = _SERVICE
        for key, field in (("code", Field.CODE), ("message", Field.MESSAGE)):
            if lower.get(key) is not None:
                _put_text(record, wholes, field, str(lower[key]))
        self._set(record, b"", method, resource, wholes)
        # The ids were the dict's (judged); the code and message came after.
        _decide_again(self, judged=True)
        return
    body = body_bytes(message)
    rc, record, wholes = from_response(status, body, None, method)
    if rc == _ffi.NOT_AN_ERROR:
        # Not an error by coserr's table (a 2xx without an error document),
        # but the caller says it is one: keep the body's fields, if any.
        rc, record = from_body(body)
        if rc == _ffi.NOT_AN_ERROR:
            record = _ffi.Error()
    record.kind = _SERVICE
    record.status = status
    self._set(record, body, method, None, wholes)
    # No headers were given: a missing request id proves nothing here.
    _decide_again(self, judged=False)


def _decide_again(err, judged):
    """The retry class of an error built from the SDK's arguments, by the
    library's rules (``coserr_retry_of``) on its whole code and message.
    ``judged``: the arguments carried the answer's ids, so that a missing
    one means the answer did not come from COS; otherwise the flag is
    cleared and rule 1 cannot apply (as for a body parsed on its own)."""
    e = err._e
    if not judged:
        e.flags &= ~_NOT_FROM_COS
    code = (err.get_error_code() or "").encode("utf-8", "replace")
    message = (err.get_error_msg() or "").encode("utf-8", "replace")
    has_id = 0 if e.flags & _NOT_FROM_COS else 1
    out = c_uint32()
    rc = _ffi.retry_of(e.status, code, len(code), message, len(message), has_id, byref(out))
    if rc == _ffi.OK:
        e.retry = out.value
        e.retryable = 1 if RETRY_NAMES[out.value] in ("transient", "throttle") else 0


class CosServiceError(CosError):
    """The server answered and the operation failed.

    Built by :func:`coserr.error_from_response`; also constructible as the
    SDK's ``CosServiceError(method, message, status_code)``, ``message``
    being the body (str or bytes) or a dict of the SDK's digest keys.
    """

    def __init__(self, method, message, status_code):
        _init_from_sdk_args(self, method, message, status_code)

    def __str__(self):
        # The SDK's str(e): the digest dict as text.
        return str(self.get_digest_msg())


class CosClientError(CosError):
    """The client and server did not interact normally. From a response: the
    data the server returned could not be parsed (``body_status`` says why;
    status and header ids are kept, ``message`` is the body as text).

    Also constructible as the SDK's ``CosClientError(message)``.
    """

    def __init__(self, message):
        record = _ffi.Error()
        record.kind = _CLIENT
        msg = str(message)
        wholes = {}
        _put_text(record, wholes, Field.MESSAGE, msg)
        self._set(record, b"", None, None, wholes)
        self._message = msg
        self.args = (msg,)

    def __str__(self):
        if self._message is not None:
            return self._message
        return self.format()
