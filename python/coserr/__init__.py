"""coserr: COS error responses as exceptions, parsed by the coserr C library.

>>> err = error_from_response(404, b"<Error><Code>NoSuchKey</Code></Error>",
...                           {"x-cos-request-id": "NjA3"}, "GET")
>>> err.get_error_code(), err.get_request_id()
('NoSuchKey', 'NjA3')

No runtime dependency beyond the standard library: the native library is
loaded with ctypes from the package directory. Every value comes from it,
whole: the package reads no body itself.
"""

from . import _ffi
from ._decision import Decision
from ._enums import BodyStatus, Category, Field, Flag, Kind
from ._errors import UNKNOWN, CosClientError, CosError, CosServiceError
from ._instrument import instrument
from ._parse import decide, decide_from_requests, error_from_requests, error_from_response, parse_body

__version__ = "0.1.0"

#: ``coserr_abi_version()`` of the loaded library.
ABI_VERSION = _ffi.abi_version()
#: Where the native library was loaded from.
LIBRARY_PATH = _ffi.LIBRARY_PATH

__all__ = [
    "ABI_VERSION",
    "LIBRARY_PATH",
    "UNKNOWN",
    "BodyStatus",
    "Category",
    "CosClientError",
    "CosError",
    "CosServiceError",
    "Decision",
    "Field",
    "Flag",
    "Kind",
    "decide",
    "decide_from_requests",
    "error_from_requests",
    "error_from_response",
    "instrument",
    "parse_body",
]
