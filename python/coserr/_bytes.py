"""The bytes the C library reads, from what callers hand in, and its texts
back as ``str``."""


def to_bytes(value, what):
    """Header names and values, methods, URLs: ``str`` or bytes-like."""
    if type(value) is bytes:
        return value
    if isinstance(value, str):
        # http.client and requests decode header bytes as ISO-8859-1, so
        # encoding back gives the bytes the server sent (coserr then reads a
        # UTF-8 value as UTF-8). Text outside Latin-1 can only be the
        # caller's own: send it as UTF-8.
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            return value.encode("utf-8")
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    raise TypeError("coserr: %s must be str or bytes, not %s" % (what, type(value).__name__))


def body_bytes(body):
    """A body: bytes-like, ``str`` (sent as UTF-8) or ``None`` (empty)."""
    if type(body) is bytes:
        return body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    raise TypeError("coserr: body must be bytes or str, not %s" % type(body).__name__)


def text(raw):
    """Bytes as text the way the library reads them: UTF-8, each invalid
    sequence replaced by U+FFFD (Python's decoder replaces the same
    sequences as the library's)."""
    return raw.decode("utf-8", "replace")
