"""The decisions the library makes from a whole answer (retry class, the
service's clock, Location / region, whether it came from COS), read from a
record: by the errors and by :class:`Decision`, the same code for both."""

import time
from ctypes import byref, c_int64
from datetime import timedelta

from . import _ffi
from ._enums import Field, Flag
from ._record import failed
from ._view import Number, RecordView, Text

_NOT_FROM_COS = Flag.NOT_FROM_COS.value
_INT64 = (-(1 << 63), (1 << 63) - 1)


def _retry_names():
    """The names of the retry classes by number, as the library gives
    them (``coserr_retry_name``; ``""`` ends the list)."""
    names = []
    while True:
        name = _ffi.retry_name(len(names))
        if not name:
            return tuple(names)
        names.append(name.decode("ascii"))


#: ``COSERR_RETRY_*`` names by number: ``("none", "transient", ...)``.
RETRY_NAMES = _retry_names()


def _unix_ms(now):
    """A Unix time in seconds (int, float...) as the C ``int64_t``
    milliseconds, rounded to the nearest."""
    ms = round(now * 1000)
    if not _INT64[0] <= ms <= _INT64[1]:
        raise OverflowError("coserr: now out of range: %r" % (now,))
    return ms


class Decisions(RecordView):
    """The decisions' accessors over a record (``_e``)."""

    __slots__ = ()

    status = Number("status", int, "The HTTP status (0 when unknown).")
    retryable = Number(
        "retryable",
        bool,
        "Whether sending the same request again may succeed: ``retry`` is ``\"transient\"`` or ``\"throttle\"``.",
    )

    @property
    def retry(self):
        """What retrying can do, by the first rule that holds:
        ``"switch_domain"`` (a 3xx other than 304, or a 5xx, without any
        request id: the answer did not come from COS; retry on the backup
        domain), ``"clock_skew"`` (``RequestTimeTooSkewed``, or a request
        that "has expired": correct the clock by :meth:`clock_skew`, sign
        again, retry), ``"throttle"`` (429 or a throttling code: retry with
        a longer backoff), ``"transient"`` (5xx, ``InternalError``,
        ``ServiceUnavailable``, ``RequestTimeout``: retry with backoff),
        else ``"none"`` (every success among them: an answer that is not an
        error has no code, so only the first rule can apply to it)."""
        r = self._e.retry
        return RETRY_NAMES[r] if r < len(RETRY_NAMES) else ""

    def clock_skew(self, now=None):
        """The service's clock minus ``now``, as a :class:`datetime.timedelta`
        (millisecond precision): add it to the local clock before signing
        the request again. ``now`` is the local Unix time in seconds when
        the answer arrived (float allowed; by default :func:`time.time`).
        ``None`` when the service's clock is unknown: the body has no
        ``ServerTime`` and the ``Date`` header is missing, or neither parses."""
        ms = _unix_ms(time.time() if now is None else now)
        skew = c_int64()
        rc = _ffi.clock_skew_ms(byref(self._e), ms, byref(skew))
        if rc == _ffi.NOT_FOUND:
            return None
        if rc != _ffi.OK:
            failed(rc)
        return timedelta(milliseconds=skew.value)

    location = Text(
        Field.LOCATION,
        "The ``Location`` header (where a redirect points), whole: the first non-empty one, name in "
        "any case; ``None`` when there is none.",
    )
    region = Text(
        Field.REGION,
        "The ``x-cos-bucket-region`` header (the bucket's region), whole: the first non-empty one, "
        "name in any case; ``None`` when there is none.",
    )

    @property
    def from_cos(self):
        """``False`` when the answer carried no request id at all (no
        ``x-cos-request-id``, ``x-ci-request-id`` or ``x-img-request-id``
        header, no ``RequestId`` in the body): it did not come from COS (a
        proxy, a hijacked domain). Judged only when the headers came: an
        error from :func:`coserr.parse_body` (a body alone),
        ``CosServiceError(method, body, status)`` (no headers) or
        ``CosClientError(message)`` reads ``True`` (nothing to judge by)."""
        return not self._e.flags & _NOT_FROM_COS


class Decision(Decisions):
    """The library's decisions on one answer, an error or not (see
    :func:`coserr.decide`): ``status``, ``retry``, ``retryable``,
    ``from_cos``, ``location``, ``region``, ``clock_skew(now=None)``, each
    as on an error, and ``error``: the exception for the answer (what
    :func:`coserr.error_from_response` returns), or ``None``. Read-only."""

    __slots__ = ("_e", "_body", "_wholes", "_error")

    def __init__(self, record, body, wholes, error):
        self._e = record
        self._body = body
        self._wholes = wholes
        self._error = error

    @property
    def error(self):
        """The :class:`CosServiceError` or :class:`CosClientError` to raise,
        the one :func:`coserr.error_from_response` returns (it reads the same
        record); ``None`` when the answer is not an error."""
        return self._error

    def __repr__(self):
        return "Decision(status=%d, retry=%r, from_cos=%r, location=%r, region=%r, error=%r)" % (
            self.status,
            self.retry,
            self.from_cos,
            self.location,
            self.region,
            self._error,
        )
