"""``instrument(client)``: a ``qcloud_cos.CosS3Client`` whose errors are
coserr's, parsed from the answer the client really received, and still of
the class the SDK itself raises.

How: every request the client sends goes through its ``send_request``,
which hands its keyword arguments to ``requests``. The instance's
``send_request`` is wrapped to add a per-request response hook that keeps
the answer (per thread: the SDK's multipart uploads run in worker
threads). The SDK raises either in ``send_request`` (4xx/5xx) or just after
it returned (``copy_object`` and ``complete_multipart_upload`` on a 200 with
an error body), so every public method of the instance is wrapped too:
an SDK error leaving it is replaced by coserr's for the kept answer. The
client's session (shared between clients by the SDK's built-in pool) is
not touched, nor are successful calls' results.
"""

import functools
import inspect
import threading

from ._errors import CosClientError, CosError, CosServiceError, _restore
from ._parse import error_from_response

#: {(coserr class, SDK class): the class inheriting from both}.
_BOTH = {}
_BOTH_LOCK = threading.Lock()

#: The instance attribute that marks an instrumented client.
_MARK = "_coserr_instrumented"


def both_class(ours, sdks):
    """The class of an error that is coserr's ``ours`` (the getters and the
    record come first in the MRO) and the SDK's ``sdks``, so that
    ``except qcloud_cos.CosServiceError`` still catches it. One per pair."""
    key = (ours, sdks)
    cls = _BOTH.get(key)
    if cls is None:
        with _BOTH_LOCK:
            cls = _BOTH.get(key)
            if cls is None:
                cls = type(
                    sdks.__name__,
                    (ours, sdks),
                    {
                        "__module__": __name__,
                        "__qualname__": "%s+%s.%s" % (ours.__name__, sdks.__module__, sdks.__name__),
                        "__doc__": "coserr's %s, also the SDK's %s.%s." % (ours.__name__, sdks.__module__, sdks.__name__),
                        "__reduce__": _reduce_both,
                    },
                )
                _BOTH[key] = cls
    return cls


def _reduce_both(self):
    """Pickles as coserr's error plus the SDK's class, which is rebuilt."""
    _, args = CosError.__reduce__(self)
    cls = type(self)
    ours = next(base for base in cls.__mro__ if base in (CosServiceError, CosClientError))
    sdks = cls.__bases__[1]
    return (_restore_both, (ours, sdks) + args[1:])


def _restore_both(ours, sdks, *state):
    return _restore(both_class(ours, sdks), *state)


def _sdk_classes():
    from qcloud_cos.cos_exception import CosClientError as SdkClientError
    from qcloud_cos.cos_exception import CosServiceError as SdkServiceError

    return SdkServiceError, SdkClientError


class _Answers(threading.local):
    """The last answer the client received in this thread."""

    response = None


def _merge_hook(kwargs, hook):
    """``kwargs`` for requests with ``hook`` added to its response hooks,
    the caller's own hooks kept."""
    hooks = dict(kwargs.get("hooks") or {})
    mine = hooks.get("response")
    if mine is None:
        mine = []
    elif callable(mine):
        mine = [mine]
    hooks["response"] = list(mine) + [hook]
    kwargs["hooks"] = hooks
    return kwargs


def _from_answer(sdk_error, response):
    """coserr's error for the answer the SDK's ``CosServiceError`` came from,
    or ``None`` when it cannot have come from it (its status differs)."""
    if response is None or getattr(sdk_error, "_status_code", None) != response.status_code:
        return None
    request = getattr(response, "request", None)
    method = getattr(request, "method", None)
    err = error_from_response(response.status_code, response.content, response.headers, method, response.url)
    if err is None:
        # Not an error by coserr's table (a 200 whose body is no error
        # document), but the SDK decided it is one: keep what the body has.
        err = CosServiceError(method, response.content, response.status_code)
    return err


def _convert(exc, answers, sdk_service, sdk_client):
    """coserr's error for an SDK error ``exc``, of a class that is also
    ``type(exc)``; ``None`` for anything else (left as it is)."""
    if isinstance(exc, CosError) or not isinstance(exc, (sdk_service, sdk_client)):
        return None
    if isinstance(exc, sdk_service):
        err = _from_answer(exc, answers.response)
        if err is None:
            # No answer of this call to read: the SDK's own arguments.
            err = CosServiceError(None, _sdk_message(exc), getattr(exc, "_status_code", 0))
    else:
        # The SDK's client errors carry no answer (a network failure, a bad
        # argument): the message is all there is.
        err = CosClientError(getattr(exc, "_message", str(exc)))
    err.__class__ = both_class(type(err), type(exc))
    return err


def _sdk_message(exc):
    """What the SDK's ``CosServiceError`` was given: the body, or its digest
    dict when it had no body (HEAD 404, ``x-cos-error-code``)."""
    origin = getattr(exc, "_origin_msg", "")
    return origin if origin else getattr(exc, "_digest_msg", origin)


def _wrap(method, answers, sdk_service, sdk_client, hooked):
    @functools.wraps(method)
    def call(*args, **kwargs):
        if hooked:
            answers.response = None
            kwargs = _merge_hook(kwargs, keep)
        try:
            return method(*args, **kwargs)
        except (sdk_service, sdk_client) as exc:
            err = _convert(exc, answers, sdk_service, sdk_client)
            if err is None:
                raise
            raise err.with_traceback(exc.__traceback__) from None

    def keep(response, *args, **kwargs):
        answers.response = response
        return response

    return call


def instrument(client):
    """Makes ``client`` (a ``qcloud_cos.CosS3Client``, or a subclass such as
    ``CosVectorsClient``) raise coserr's errors, and returns it.

    Every ``qcloud_cos.CosServiceError`` the client raises becomes coserr's
    error for the answer received (status, headers, method, URL, body: one
    parse by the library), of a class that inherits from both coserr's
    ``CosServiceError`` (or ``CosClientError`` when the body is not an error
    document) and the SDK's ``CosServiceError``: existing ``except`` clauses
    catch it as before, the SDK's getters give coserr's values, and the
    whole record is there (``retry``, ``category``, ``extras``...). The
    SDK's ``CosClientError`` (no answer) becomes coserr's ``CosClientError``
    with the same message, still the SDK's class. Successful calls are
    untouched. Instrumenting twice does nothing more.
    """
    try:
        sdk_service, sdk_client = _sdk_classes()
    except ImportError as exc:  # the SDK is optional for coserr, not here
        raise ImportError("coserr.instrument needs cos-python-sdk-v5 (qcloud_cos)") from exc
    if not callable(getattr(client, "send_request", None)):
        raise TypeError("coserr.instrument: not a qcloud_cos.CosS3Client: %r" % (client,))
    if client.__dict__.get(_MARK):
        return client
    answers = _Answers()
    for name, attr in inspect.getmembers(type(client), inspect.isfunction):
        if name.startswith("_"):
            continue
        bound = getattr(client, name)
        setattr(client, name, _wrap(bound, answers, sdk_service, sdk_client, name == "send_request"))
    setattr(client, _MARK, True)
    return client
