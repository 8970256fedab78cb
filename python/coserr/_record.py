"""The C calls that fill a ``coserr_error`` record: from a response, or from
a body alone."""

from ctypes import byref

from . import _ffi
from ._response import response
from ._whole import input_values

_NOT_AN_ERROR = _ffi.NOT_AN_ERROR
_Error = _ffi.Error
_parse_response = _ffi.parse_response
_parse_body = _ffi.parse_body


def failed(rc):
    """Raises for a result other than ``COSERR_OK`` and
    ``COSERR_NOT_AN_ERROR`` (a bug on one side or the other)."""
    name = _ffi.result_name(rc) or b"unknown result"
    raise RuntimeError("coserr: %s" % name.decode("ascii", "replace"))


def from_response(status, body, headers=None, method=None, url=None, all_headers=False):
    """``coserr_parse_response``: ``(result, record, wholes)``.

    ``result`` is ``COSERR_OK`` or ``COSERR_NOT_AN_ERROR``; ``wholes`` is
    ``None``, or ``{field: text}`` for the values the record took from a
    header or the URL and cut (see :func:`coserr._whole.input_values`).
    ``body`` is bytes and ``status`` checked."""
    resp = response(status, body, headers, method, url, all_headers)
    out = _Error()
    rc = _parse_response(resp, out)
    if rc > _NOT_AN_ERROR:
        failed(rc)
    wholes = None
    if out.truncated and out.truncated & out.from_header:  # rarely: one field read
        wholes = input_values(out, status, body, headers, method, url, all_headers)
    return rc, out, wholes


def from_body(body):
    """``coserr_parse_body``: ``(result, record)``, as :func:`from_response`."""
    out = _Error()
    rc = _parse_body(body, len(body), byref(out))
    if rc > _NOT_AN_ERROR:
        failed(rc)
    return rc, out
