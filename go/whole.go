package coserr

/*
#include "shim.h"

#cgo noescape coserr_field_value
#cgo nocallback coserr_field_value
*/
import "C"

import (
	"unicode/utf8"
	"unsafe"
)

// The C record holds each text in a fixed array, and C reads it up to its
// first NUL: a value longer than the array, or holding a NUL byte, is cut
// there and its bit set in truncated. The spans of such a field give the
// cut value. The Go error holds the whole value instead, taken from where
// the record took it:
//
//   - a header's value or the URL (from_header): that input, as UTF-8
//     (U+FFFD for each invalid sequence, as the library decodes it);
//   - the Message of a body that could not be read (a client error), or
//     that stands in when the body has no message of its own and the code
//     came from x-cos-error-code: the body, as UTF-8;
//   - any other body field: coserr_field_value, the field's whole decoded
//     value.

// wholeValue says where the whole value of a cut field comes from: the
// error's copy of the body (body), a Go string that holds it (share: an
// input, or an input that was not UTF-8 decoded here, in its own
// allocation), or coserr_field_value (field, valueLen bytes: already read
// into the scratch buffer at offset at when fetched, else written into the
// error's buffer). An offset, not a slice: a pointer to the scratch buffer
// in here would make it escape to the heap with the strings fill returns.
type wholeValue struct {
	body     bool
	share    string
	field    Fields
	valueLen int
	fetched  bool
	at       int
}

// size is the number of bytes the value needs in the error's buffer.
func (w *wholeValue) size() int {
	switch {
	case w.fetched:
		return w.valueLen
	case w.field != 0:
		return w.valueLen + 1 // coserr_field_value writes a NUL after it
	}
	return 0
}

// fieldScratchSize is the room for whole body values read before the
// error is allocated: each value that fits costs one parse of the body
// (coserr_field_value), not two (its length, then the value).
const fieldScratchSize = 4 << 10

// fieldScratch is a buffer for whole body values, filled from the start.
type fieldScratch struct {
	buf  []byte
	used int
}

// read is coserr_field_value into what is left of s: the value's whole
// length, or -1 when the body has no such field; fits says it was read
// whole, at offset at of s.buf.
func (s *fieldScratch) read(body []byte, field Fields) (n, at int, fits bool) {
	rest := s.buf[s.used:]
	var cn C.size_t
	if C.coserr_field_value(bytesPtr(body), C.size_t(len(body)), C.uint32_t(field),
		(*C.char)(unsafe.Pointer(bytesPtr(rest))), C.size_t(len(rest)), &cn) != resultOK {
		return -1, 0, false
	}
	if n = int(cn); n >= len(rest) { // snprintf semantics: cut, or no room at all
		return n, 0, false
	}
	at = s.used
	s.used += n + 1
	return n, at, true
}

// wholeOf finds where the whole value of field (one bit, set in the
// record's truncated) comes from, given the record's kind and
// from_header; ok is false when none can be had (the value stays as cut).
// A body field's value is read into scratch when it is given and has room.
func (r *request) wholeOf(kind Kind, fromHeader, field Fields, scratch *fieldScratch) (w wholeValue, ok bool) {
	var input string
	switch {
	case fromHeader&field != 0:
		if input, ok = r.headerInput(field); !ok {
			return w, false
		}
	case field == FieldMessage && kind == KindClient,
		field == FieldMessage && fromHeader.Has(FieldCode) && fieldValueLen(r.body, FieldMessage) <= 0:
		if utf8.Valid(r.body) {
			return wholeValue{body: true}, true
		}
		input = bytesView(r.body)
	default:
		if scratch != nil {
			n, at, fits := scratch.read(r.body, field)
			return wholeValue{field: field, valueLen: n, fetched: fits, at: at}, n >= 0
		}
		n := fieldValueLen(r.body, field)
		return wholeValue{field: field, valueLen: n}, n >= 0
	}
	if !utf8.ValidString(input) {
		input = string(appendLossy(nil, input))
	}
	return wholeValue{share: input}, true
}

// headerInput is the input a from_header field took its value from: the
// URL for Resource, else the first known header, among those that can
// stand for field, that is there and not empty (an empty header is no
// header).
func (r *request) headerInput(field Fields) (string, bool) {
	var from []int // known header indices, in the library's order of preference
	switch field {
	case FieldResource:
		return r.url, r.url != ""
	case FieldCode:
		from = []int{0}
	case FieldRequestID:
		from = []int{1, 2, 3}
	case FieldTraceID:
		from = []int{4}
	case FieldLocation:
		from = []int{6}
	case FieldRegion:
		from = []int{7}
	}
	for _, k := range from {
		if r.have&(1<<k) != 0 && r.hv[k] != "" {
			return r.hv[k], true
		}
	}
	return "", false
}

// fill returns the value of e, whose body is body (as given) and
// e.Body (the error's copy): copied into buf at *off from scratch (the
// buffer wholeOf read into), or written there by C; ok is false if C
// failed to.
func (w *wholeValue) fill(e *ServiceError, body []byte, buf []byte, off *int, scratch *fieldScratch) (s string, ok bool) {
	if w.body {
		return e.Body, true
	}
	if w.fetched {
		return take(buf, off, scratch.buf[w.at:w.at+w.valueLen]), true
	}
	if w.field != 0 {
		dst := buf[*off : *off+w.valueLen+1]
		var n C.size_t
		rc := C.coserr_field_value(bytesPtr(body), C.size_t(len(body)), C.uint32_t(w.field),
			(*C.char)(unsafe.Pointer(&dst[0])), C.size_t(len(dst)), &n)
		if rc != resultOK || int(n) != w.valueLen {
			return "", false
		}
		*off += len(dst)
		if n == 0 {
			return "", true
		}
		return unsafe.String(&dst[0], int(n)), true
	}
	return w.share, true
}

// fieldValueLen is the length of the whole value of a body field
// (coserr_field_value's length query), or -1 when the body has none.
func fieldValueLen(body []byte, field Fields) int {
	var n C.size_t
	if C.coserr_field_value(bytesPtr(body), C.size_t(len(body)), C.uint32_t(field), nil, 0, &n) != resultOK {
		return -1
	}
	return int(n)
}

// bytesView is b seen as a string, without a copy: only for reading while
// b is not written.
func bytesView(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// appendLossy appends s to dst as UTF-8, each invalid sequence (its
// longest start of a valid one, or one byte) replaced by U+FFFD: what the
// Rust core's decoding (str::from_utf8_lossy) makes of it.
func appendLossy(dst []byte, s string) []byte {
	for len(s) > 0 {
		c, size := utf8.DecodeRuneInString(s)
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, "\uFFFD"...)
			s = s[invalidLen(s):]
			continue
		}
		dst = append(dst, s[:size]...)
		s = s[size:]
	}
	return dst
}

// invalidLen is the length of the invalid sequence at the start of s: the
// longest start of a well-formed UTF-8 sequence (Unicode's "maximal
// subpart"), at least one byte.
func invalidLen(s string) int {
	for _, l := range utf8Leads {
		if l.first <= s[0] && s[0] <= l.last {
			n := 1
			for lo, hi := l.lo, l.hi; n <= l.more && n < len(s) && lo <= s[n] && s[n] <= hi; n++ {
				lo, hi = 0x80, 0xBF
			}
			return n
		}
	}
	return 1 // not a lead byte
}

// utf8Leads are the lead bytes of well-formed UTF-8 (Unicode's table 3-7):
// first..last take more continuation bytes, the next one in lo..hi, the
// others in 0x80..0xBF.
var utf8Leads = [...]struct {
	first, last, lo, hi byte
	more                int
}{
	{0xC2, 0xDF, 0x80, 0xBF, 1},
	{0xE0, 0xE0, 0xA0, 0xBF, 2},
	{0xE1, 0xEC, 0x80, 0xBF, 2},
	{0xED, 0xED, 0x80, 0x9F, 2},
	{0xEE, 0xEF, 0x80, 0xBF, 2},
	{0xF0, 0xF0, 0x90, 0xBF, 3},
	{0xF1, 0xF3, 0x80, 0xBF, 3},
	{0xF4, 0xF4, 0x80, 0x8F, 3},
}
