"""The entry points: the exception for a response, the decisions on any
answer, or the exception for a body alone."""

from . import _ffi
from ._bytes import body_bytes
from ._decision import Decision
from ._errors import exception_for
from ._record import from_body, from_response
from ._response import check_status


def _parse(status, body, headers, method, url, all_headers):
    """One ``coserr_parse_response``: ``(record, body, wholes, error)``
    (``body`` as bytes), the error ``None`` for an answer that is not one."""
    if type(body) is not bytes:
        body = body_bytes(body)
    if type(status) is not int or not 0 <= status <= 0xFFFFFFFF:
        status = check_status(status)
    rc, record, wholes = from_response(status, body, headers, method, url, all_headers)
    if rc == _ffi.NOT_AN_ERROR:
        return record, body, wholes, None
    return record, body, wholes, exception_for(record, status, body, method, url, wholes)


def error_from_response(status, body, headers=None, method=None, url=None, _all_headers=False):
    """The exception for an HTTP response, or ``None`` when it is not an error.

    ``status`` is the HTTP status (0 = unknown); ``body`` bytes or str (str is
    sent as UTF-8); ``headers`` a mapping or a list of ``(name, value)``
    pairs, names in any case; ``method`` (``"HEAD"``...) and ``url`` optional.
    Returns a :class:`CosServiceError` or a :class:`CosClientError` (to raise).
    A status of 400 or more is always an error: a service error when the
    body is an error document or empty, or when ``x-cos-error-code`` is
    sent; a client error when the body cannot be read as one. Below 400,
    only a body that is an error document makes one (see docs/semantics.md
    in the coserr repository for the whole table). The library's decisions
    (``retry``, ``from_cos``, ``clock_skew``, ``location``, ``region``) come
    with the error; for every answer, a redirect or a success included, they
    come from :func:`decide`.
    """
    return _parse(status, body, headers, method, url, _all_headers)[3]


def decide(status, body, headers=None, method=None, url=None, _all_headers=False):
    """The library's decisions on any answer, an error or not, as a
    :class:`Decision`: ``retry`` (a 302 or a 5xx without any request id:
    ``"switch_domain"``), ``from_cos``, ``location``, ``region``,
    ``clock_skew(now)``, ``status``, ``retryable``, and ``error``: the
    exception :func:`error_from_response` returns for the same arguments
    (the same conventions), or ``None``. One parse gives both."""
    record, body, wholes, error = _parse(status, body, headers, method, url, _all_headers)
    return Decision(record, body, wholes, error)


def _requests_args(resp):
    """The arguments of a ``requests.Response`` (duck-typed:
    ``status_code``, ``content``, ``headers``, ``request.method``, ``url``;
    requests itself is never imported)."""
    request = getattr(resp, "request", None)
    method = getattr(request, "method", None) if request is not None else None
    return resp.status_code, resp.content, resp.headers, method, getattr(resp, "url", None)


def error_from_requests(resp):
    """:func:`error_from_response` for a ``requests.Response`` (duck-typed:
    ``status_code``, ``content``, ``headers``, ``request.method``, ``url``;
    requests itself is never imported)."""
    return error_from_response(*_requests_args(resp))


def decide_from_requests(resp):
    """:func:`decide` for a ``requests.Response``, duck-typed as for
    :func:`error_from_requests`. With ``allow_redirects=False`` a redirect
    is the answer itself, its ``Location`` and ``retry`` here."""
    return decide(*_requests_args(resp))


def parse_body(body):
    """The body alone, status unknown (``coserr_parse_body``): a
    :class:`CosServiceError` for an error document, a :class:`CosClientError`
    for a body that is not XML or is malformed, else ``None``."""
    body = body_bytes(body)
    rc, record = from_body(body)
    if rc == _ffi.NOT_AN_ERROR:
        return None
    return exception_for(record, record.status, body)
