"""Reading a ``coserr_error`` record: its texts whole and its numbers
converted, for every class that holds one (the errors, :class:`Decision`)."""

from ._bytes import text
from ._whole import body_value


class Text:
    """A text of the record, as a read-only attribute (``None`` when absent)."""

    def __init__(self, field, doc):
        self.field = field
        self.name = field.name.lower()
        self.__doc__ = doc

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj._field(self.field, self.name)


class Number:
    """A number of the record, as a read-only attribute: ``convert`` of it
    (an enum, ``int`` or ``bool``)."""

    def __init__(self, name, convert, doc):
        self.name = name
        self.convert = convert
        self.__doc__ = doc

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return self.convert(getattr(obj._e, self.name))


class RecordView:
    """What a holder of a record reads it with. The holder has ``_e`` (the
    record), ``_body`` (the body it came from) and ``_wholes`` (``None`` or
    ``{field: whole text}`` of values the record cut, known from the start
    or found on first use)."""

    __slots__ = ()

    def _field(self, bit, name):
        """The text of the record's field ``name``, or None when absent."""
        e = self._e
        if not e.present & bit:
            return None
        if e.truncated & bit:
            return self._whole(bit, getattr(e, name))
        return text(getattr(e, name))

    def _whole(self, bit, raw):
        """A value the fixed, NUL-terminated record had to cut, whole: one
        known from the start (a header's, the URL's, the caller's), else the
        body field's, from the library (see :mod:`coserr._whole`)."""
        wholes = self._wholes
        if wholes and bit in wholes:
            return wholes[bit]
        cut = text(raw)
        e = self._e
        if e.from_header & bit or not self._body:
            return cut
        full = body_value(self._body, e, bit)
        if full is None or not full.startswith(cut):
            return cut
        if wholes is None:
            wholes = self._wholes = {}
        wholes[bit] = full
        return full
