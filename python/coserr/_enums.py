"""The C ABI's constants (``COSERR_KIND_*``, ``COSERR_BODY_*``...) as enums."""

from enum import IntEnum, IntFlag


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
    #: The ``Location`` header (never in a body).
    LOCATION = 64
    #: The ``x-cos-bucket-region`` header (never in a body).
    REGION = 128


class Flag(IntFlag):
    """``COSERR_FLAG_*``."""

    PARTIAL = 1
    IDS_DISAGREE = 2
    #: The service's clock is known (``ServerTime``, else the ``Date`` header).
    SERVER_CLOCK = 4
    #: No request id in any header or in the body: the answer did not come
    #: from COS (judged from a response only, never from a body alone).
    NOT_FROM_COS = 8


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


#: The record's eight texts: (bit, name of the ``coserr_error`` array), in
#: field order.
FIELDS = tuple((f, f.name.lower()) for f in Field)
