package coserr

/*
#include "shim.h"

// None of these functions keeps a pointer after it returns or calls back into
// Go: the compiler may leave the buffers passed to them on the Go stack.
#cgo noescape coserr_format
#cgo nocallback coserr_format
#cgo noescape coserr_to_json
#cgo nocallback coserr_to_json
*/
import "C"

import "unsafe"

// format is coserr_format on e's fields: the one-line display.
func format(e *ServiceError, kind Kind) string { return render(e, kind, false) }

// digest is coserr_to_json on e's fields: the JSON digest.
func digest(e *ServiceError, kind Kind) string { return render(e, kind, true) }

// render fills a C record from e and returns its display line, or its JSON
// digest when asJSON: into a stack buffer, or, when the text is longer, a
// buffer of its length (both calls have snprintf semantics).
func render(e *ServiceError, kind Kind, asJSON bool) string {
	var rec C.coserr_error
	record(e, kind, &rec)
	var arr [512]byte
	buf := arr[:]
	n := write(&rec, buf, asJSON)
	if n >= len(buf) {
		buf = make([]byte, n+1)
		n = write(&rec, buf, asJSON)
	}
	return string(buf[:n])
}

// write is coserr_to_json (asJSON) or coserr_format of rec into buf.
func write(rec *C.coserr_error, buf []byte, asJSON bool) int {
	p, n := (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))
	if asJSON {
		return int(C.coserr_to_json(rec, p, n))
	}
	return int(C.coserr_format(rec, p, n))
}

// record fills a C record from e's fields, for coserr_format and
// coserr_to_json. A non-empty string counts as present even when Present
// lacks its bit, so that a hand-made error displays what it holds.
func record(e *ServiceError, kind Kind, out *C.coserr_error) {
	out.kind = C.uint32_t(kind)
	out.status = C.uint32_t(statusOf(e.StatusCode))
	out.body_status = C.uint32_t(e.BodyStatus)
	out.body_offset = C.uint32_t(uint32(max(e.BodyOffset, 0)))
	present := e.Present
	present |= fill(out.code[:], e.Code, FieldCode)
	present |= fill(out.message[:], e.Message, FieldMessage)
	present |= fill(out.resource[:], e.Resource, FieldResource)
	present |= fill(out.request_id[:], e.RequestID, FieldRequestID)
	present |= fill(out.trace_id[:], e.TraceID, FieldTraceID)
	present |= fill(out.server_time[:], e.ServerTime, FieldServerTime)
	present |= fill(out.location[:], e.Location, FieldLocation)
	present |= fill(out.region[:], e.Region, FieldRegion)
	out.present = C.uint32_t(present)
	out.from_header = C.uint32_t(e.FromHeader)
	out.truncated = C.uint32_t(e.Truncated)
	out.flags = C.uint32_t(e.Flags)
	out.code_id = C.uint32_t(e.CodeID)
	out.category = C.uint32_t(e.Category)
	if e.Retryable {
		out.retryable = 1
	}
	out.retry = C.uint32_t(e.Retry)
	if e.Flags.Has(FlagServerClock) {
		out.server_time_ms = C.int64_t(e.ServerClock.UnixMilli())
	}
}

// fill copies s into a NUL-terminated C array, cut at a UTF-8 boundary, and
// returns bit when s is not empty.
func fill(dst []C.char, s string, bit Fields) Fields {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), len(dst))
	s = cutUTF8(s, len(b)-1)
	b[copy(b, s)] = 0
	if s == "" {
		return 0
	}
	return bit
}

// cutUTF8 returns the longest prefix of s of at most n bytes that does not
// split a UTF-8 sequence.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
