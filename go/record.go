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
// any (read from out.extras, the iteration of the same parse). A record
// with a cut field gets a scratch buffer for whole values, declared only
// in that rarer path's frame so that the common path does not zero it.
func (r *request) build(out *cSpans, text []byte) *ServiceError {
	if out.truncated != 0 {
		return r.buildWhole(out, text)
	}
	return r.buildExtras(out, text, nil)
}

// buildWhole is build with a scratch buffer for whole values and the
// record of where each comes from. (Two variables: wholes must not point
// to the buffer, or the buffer would escape with the strings fill returns.)
func (r *request) buildWhole(out *cSpans, text []byte) *ServiceError {
	var arr [fieldScratchSize]byte
	var wholes [fieldCount]wholeValue
	return r.buildExtras(out, text, &cutFields{scratch: fieldScratch{buf: arr[:]}, wholes: &wholes})
}

// fieldCount is the number of texts in the record.
const fieldCount = 8

// cutFields is what buildWith needs for a record with cut fields.
type cutFields struct {
	scratch fieldScratch
	wholes  *[fieldCount]wholeValue
}

// buildExtras reads the extras, if any, then builds the error (cut, nil
// when no field is cut).
func (r *request) buildExtras(out *cSpans, text []byte, cut *cutFields) *ServiceError {
	// Extras belong to an error document (a JSON body has none).
	if out.has_extras == 0 || out.body_status != C.COSERR_BODY_OK {
		return r.buildWith(out, text, nil, nil, cut)
	}
	var xArr [2048]byte
	var spanArr [manyInlineExtras]extraSpan
	xbuf, spans := fetchExtras(r.body, out.extras, xArr[:0], spanArr[:0])
	return r.buildWith(out, text, xbuf, spans, cut)
}

// buildWith makes the ServiceError of a C record: one allocation for the
// struct (and up to manyInlineExtras extras), one for the bytes of the body
// and of every text that is not already a Go string. A text from the body
// is a substring of the error's copy of the body, a text from the URL or a
// header is that string itself; only texts C wrote into text (and the
// extras, in xbuf) are copied, beside the body. A body over
// inlineBodyMaxSize gets its own copy and the texts theirs, so that a
// field kept alone does not keep a large body alive.
func (r *request) buildWith(out *cSpans, text, xbuf []byte, xspans []extraSpan, cut *cutFields) *ServiceError {
	spans := [fieldCount]*C.coserr_span{&out.code, &out.message, &out.resource,
		&out.request_id, &out.trace_id, &out.server_time, &out.location, &out.region}
	body := r.body
	inline := len(body) <= inlineBodyMaxSize
	kind, fromHeader, truncated := Kind(out.kind), Fields(out.from_header), Fields(out.truncated)
	// The bytes to copy beside the body: texts C wrote, texts of a large
	// body, whole values of cut fields, extras.
	n := len(xbuf)
	var whole Fields // the cut fields whose whole value cut.wholes holds
	for i, sp := range spans {
		if bit := Fields(1) << i; truncated&bit != 0 && cut != nil {
			if w, ok := r.wholeOf(kind, fromHeader, bit, &cut.scratch); ok {
				cut.wholes[i], whole = w, whole|bit
				n += w.size()
				continue
			}
		}
		if sp.source == C.COSERR_SOURCE_TEXT || (sp.source == C.COSERR_SOURCE_BODY && !inline) {
			n += int(sp.len)
		}
	}
	e := newServiceError(len(xspans))
	// e is zeroed: set the fields one by one (no copy of a whole struct
	// with write barriers).
	d := r.recordDecision(out)
	e.StatusCode = d.StatusCode
	e.Kind = kind
	e.CodeID = CodeID(out.code_id)
	e.Category = Category(out.category)
	e.Retryable = out.retryable != 0
	e.Retry = d.Retry
	e.Present = Fields(out.present)
	e.FromHeader = fromHeader
	e.Truncated = truncated
	e.Flags = d.Flags
	e.ServerClock = d.ServerClock
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
	// A loop, not a closure called per field: the closure's captured
	// variables cost an indirection each, on every error.
	texts := [fieldCount]*string{&e.Code, &e.Message, &e.Resource,
		&e.RequestID, &e.TraceID, &e.ServerTime, &e.Location, &e.Region}
	for i, sp := range spans {
		var s string
		switch o, l := int(sp.offset), int(sp.len); {
		case whole&(Fields(1)<<i) != 0:
			var ok bool
			if s, ok = cut.wholes[i].fill(e, body, buf, &off, &cut.scratch); !ok {
				s = string(r.spanBytes(sp, text)) // C failed: the cut value
			}
		case l == 0:
			continue // e is zeroed
		case sp.source == C.COSERR_SOURCE_BODY && inline:
			s = e.Body[o : o+l]
		case sp.source == C.COSERR_SOURCE_URL:
			s = r.url[o : o+l]
		case sp.source == C.COSERR_SOURCE_HEADER:
			s = r.hv[sp.header][o : o+l]
		default:
			s = take(buf, &off, r.spanBytes(sp, text))
		}
		*texts[i] = s
	}
	for i, sp := range xspans {
		name := xbuf[:sp.nameLen]
		value := xbuf[sp.nameLen : sp.nameLen+sp.valueLen]
		xbuf = xbuf[sp.nameLen+sp.valueLen:]
		e.Extras[i] = Extra{Name: take(buf, &off, name), Value: take(buf, &off, value)}
	}
	return e
}

// spanBytes are the bytes a span of the record gives (text is the call's
// text buffer).
func (r *request) spanBytes(sp *C.coserr_span, text []byte) []byte {
	o, l := int(sp.offset), int(sp.len)
	switch sp.source {
	case C.COSERR_SOURCE_BODY:
		return r.body[o : o+l]
	case C.COSERR_SOURCE_URL:
		return []byte(r.url[o : o+l])
	case C.COSERR_SOURCE_HEADER:
		return []byte(r.hv[sp.header][o : o+l])
	case C.COSERR_SOURCE_TEXT:
		return text[o : o+l]
	}
	return nil
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
