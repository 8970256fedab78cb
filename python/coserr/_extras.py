"""The extras of a body: the error element's other children, in one pass."""

from ctypes import byref, c_size_t, create_string_buffer

from . import _ffi
from ._bytes import text


class _Buffers:
    """The name and value buffers of one iteration, grown when an extra does
    not fit."""

    def __init__(self):
        self.name = create_string_buffer(256)
        self.value = create_string_buffer(4096)
        self.name_len = c_size_t()
        self.value_len = c_size_t()

    def next(self, body, it):
        """``coserr_extras_next`` into the buffers: its result."""
        name, value = self.name, self.value
        return _ffi.extras_next(
            body,
            len(body),
            byref(it),
            name,
            len(name),
            byref(self.name_len),
            value,
            len(value),
            byref(self.value_len),
        )

    def fit(self):
        """Whether the last extra fit; if not, grows the buffers to fit it."""
        name_len, value_len = self.name_len.value, self.value_len.value
        if name_len < len(self.name) and value_len < len(self.value):
            return True
        self.name = create_string_buffer(max(len(self.name), name_len + 1))
        self.value = create_string_buffer(max(len(self.value), value_len + 1))
        return False

    def pair(self):
        return text(self.name.raw[: self.name_len.value]), text(self.value.raw[: self.value_len.value])


def extras(body):
    """The extras of ``body`` as ``[(name, value)]``: ``coserr_extras_begin``
    parses it once, then each ``coserr_extras_next`` reads on to the next
    extra. An extra cut to the buffers is read again, bigger, from a copy
    of the iterator taken before it."""
    if not body:
        return []
    it = _ffi.ExtrasIter()
    if _ffi.extras_begin(body, len(body), byref(it)) != _ffi.OK:
        return []
    bufs = _Buffers()
    out = []
    while True:
        before = _ffi.ExtrasIter.from_buffer_copy(it)
        if bufs.next(body, it) != _ffi.OK:
            break
        if not bufs.fit():
            it = before
            if bufs.next(body, it) != _ffi.OK:
                break
        out.append(bufs.pair())
    return out
