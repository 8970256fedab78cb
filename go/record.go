package coserr

// #include "shim.h"
import "C"

import "unsafe"

// resourceArray is the size of coserr_error's resource array: a text
// shorter than it is stored whole.
const resourceArray = len(C.coserr_error{}.resource)

// inlineBodyMaxSize is the largest body whose strings share one
// allocation with the error's copy of it.
const inlineBodyMaxSize = 8 << 10

// build makes the error of a C record, with its extras when the body has
// any (read from out.extras, the iteration of the same parse).
func (r *request) build(out *cSpans, text []byte) *ServiceError {
	// Extras belong to an error document (a JSON body has none).
	if out.has_extras == 0 || out.body_status != C.COSERR_BODY_OK {
		return r.buildWith(out, text, nil, nil)
	}
	var xArr [2048]byte
	var spanArr [inlineExtras]extraSpan
	xbuf, spans := fetchExtras(r.body, out.extras, xArr[:0], spanArr[:0])
	return r.buildWith(out, text, xbuf, spans)
}

// buildWith makes the ServiceError of a C record: one allocation for the
// struct (and up to inlineExtras extras), one for the bytes of the body
// and of every text that is not already a Go string. A text from the body
// is a substring of the error's copy of the body, a text from the URL or a
// header is that string itself; only texts C wrote into text (and the
// extras, in xbuf) are copied, beside the body. A body over
// inlineBodyMaxSize gets its own copy and the texts theirs, so that a
// field kept alone does not keep a large body alive.
func (r *request) buildWith(out *cSpans, text, xbuf []byte, xspans []extraSpan) *ServiceError {
	spans := [6]*C.coserr_span{&out.code, &out.message, &out.resource,
		&out.request_id, &out.trace_id, &out.server_time}
	body := r.body
	inline := len(body) <= inlineBodyMaxSize
	// The bytes to copy beside the body.
	n := len(xbuf)
	for _, sp := range spans {
		if sp.source == C.COSERR_SOURCE_TEXT || (sp.source == C.COSERR_SOURCE_BODY && !inline) {
			n += int(sp.len)
		}
	}
	e := newServiceError(len(xspans))
	// e is zeroed: set the fields one by one (no copy of a whole struct
	// with write barriers).
	e.StatusCode = int(out.status)
	e.Kind = Kind(out.kind)
	e.CodeID = CodeID(out.code_id)
	e.Category = Category(out.category)
	e.Retryable = out.retryable != 0
	e.Present = Fields(out.present)
	e.FromHeader = Fields(out.from_header)
	e.Truncated = Fields(out.truncated)
	e.Flags = Flags(out.flags)
	e.BodyStatus = BodyStatus(out.body_status)
	e.BodyOffset = int(out.body_offset)
	var buf []byte
	switch {
	case n == 0 || !inline:
		// A string conversion copies without zeroing first.
		e.Body = string(body)
		if n > 0 {
			buf = make([]byte, n)
		}
	case len(body) == 0:
		buf = make([]byte, n)
	default:
		buf = make([]byte, len(body)+n)
		copy(buf, body)
		e.Body = unsafe.String(&buf[0], len(body))
		buf = buf[len(body):]
	}
	off := 0
	str := func(sp *C.coserr_span) string {
		o, l := int(sp.offset), int(sp.len)
		switch sp.source {
		case C.COSERR_SOURCE_BODY:
			if inline {
				return e.Body[o : o+l]
			}
			return take(buf, &off, body[o:o+l])
		case C.COSERR_SOURCE_URL:
			return r.url[o : o+l]
		case C.COSERR_SOURCE_HEADER:
			return r.hv[sp.header][o : o+l]
		case C.COSERR_SOURCE_TEXT:
			return take(buf, &off, text[o:o+l])
		}
		return ""
	}
	e.Code = str(spans[0])
	e.Message = str(spans[1])
	e.Resource = str(spans[2])
	e.RequestID = str(spans[3])
	e.TraceID = str(spans[4])
	e.ServerTime = str(spans[5])
	for i, sp := range xspans {
		name := xbuf[:sp.nameLen]
		value := xbuf[sp.nameLen : sp.nameLen+sp.valueLen]
		xbuf = xbuf[sp.nameLen+sp.valueLen:]
		e.Extras[i] = Extra{Name: take(buf, &off, name), Value: take(buf, &off, value)}
	}
	return e
}

// take copies b into buf at *off, moves *off past it and returns the copy
// as a string ("" for no bytes).
func take(buf []byte, off *int, b []byte) string {
	if len(b) == 0 {
		return ""
	}
	s := unsafe.String(&buf[*off], len(b))
	*off += copy(buf[*off:], b)
	return s
}
