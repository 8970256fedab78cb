package coserr

/*
#include <stdlib.h>
#include "coserr.h"
*/
import "C"

import (
	"bytes"
	"time"
	"unicode/utf8"
	"unsafe"
)

// referenceError is the tests' reference for Parse and ParseRaw (FuzzParse):
// the response handed to coserr_parse_response as a C program hands it —
// every header entry, in list order, all of it in C memory — and the error
// read from the plain coserr_error that call fills (its NUL-terminated
// arrays, its numbers), with the extras read by the one-pass iteration
// (referenceExtras). None of the Go side's shortcuts is taken: not the
// known-header filter, not the spans, not the lazy URL, not the text buffer
// retry, not the extras shim. nil when the response is not an error; rc
// is the C result.
//
// A field the record had to cut (its truncated bit) is replaced by its
// whole value as a C program would find it (referenceWhole); when that is
// an input that is not UTF-8, which only the library decodes, the cut
// value is kept and the field is in prefixOnly: the Go value must then
// start with it and be longer.
func referenceError(status int, method, url string, headers [][2]string, body []byte) (e *ServiceError, prefixOnly Fields, rc uint32) {
	rc, rec := referenceResponse(status, method, url, headers, body)
	e, prefixOnly = referenceRecord(rc, &rec, url, headers, body)
	return e, prefixOnly, rc
}

// referenceResponse is coserr_parse_response on the response as
// referenceError hands it to C: its result and the record it fills.
func referenceResponse(status int, method, url string, headers [][2]string, body []byte) (rc uint32, rec C.coserr_error) {
	var allocs []unsafe.Pointer
	defer func() {
		for _, p := range allocs {
			C.free(p)
		}
	}()
	// inC copies s into C memory ((NULL, 0) for no bytes).
	inC := func(s string) (*C.char, C.size_t) {
		if s == "" {
			return nil, 0
		}
		p := C.CBytes([]byte(s))
		allocs = append(allocs, p)
		return (*C.char)(p), C.size_t(len(s))
	}
	r := (*C.coserr_response)(C.calloc(1, C.sizeof_coserr_response))
	allocs = append(allocs, unsafe.Pointer(r))
	r.status = statusOf(status)
	r.method, r.method_len = inC(method)
	r.url, r.url_len = inC(url)
	if len(headers) > 0 {
		h := (*C.coserr_header)(C.calloc(C.size_t(len(headers)), C.sizeof_coserr_header))
		allocs = append(allocs, unsafe.Pointer(h))
		entries := unsafe.Slice(h, len(headers))
		for i, kv := range headers {
			entries[i].name, entries[i].name_len = inC(kv[0])
			entries[i].value, entries[i].value_len = inC(kv[1])
		}
		r.headers, r.header_count = h, C.size_t(len(headers))
	}
	b, n := inC(string(body))
	r.body, r.body_len = (*C.uint8_t)(unsafe.Pointer(b)), n

	rc = uint32(C.coserr_parse_response(r, &rec))
	return rc, rec
}

// referenceBodyError is referenceError for ParseBody: the error read from
// the record coserr_parse_body fills.
func referenceBodyError(body []byte) (e *ServiceError, prefixOnly Fields, rc uint32) {
	var rec C.coserr_error
	rc = uint32(C.coserr_parse_body(bytesPtr(body), C.size_t(len(body)), &rec))
	e, prefixOnly = referenceRecord(rc, &rec, "", nil, body)
	return e, prefixOnly, rc
}

// referenceDecision is the tests' reference for Decide and DecideRaw: the
// decisions read from the plain record coserr_parse_response fills for the
// response as referenceError hands it to C, for errors and non-errors
// alike (Err is left nil). A Location or Region the record cut is the
// first non-empty entry of its header, whole; when that is not UTF-8 the
// cut value is kept and the field is in prefixOnly, as for referenceError.
func referenceDecision(status int, method, url string, headers [][2]string, body []byte) (d Decision, prefixOnly Fields, rc uint32) {
	rc, rec := referenceResponse(status, method, url, headers, body)
	d, prefixOnly = referenceRecordDecision(&rec, headers)
	return d, prefixOnly, rc
}

// referenceBodyDecision is referenceDecision for Decide with a nil
// response: the decisions of the record coserr_parse_body fills.
func referenceBodyDecision(body []byte) (d Decision, rc uint32) {
	var rec C.coserr_error
	rc = uint32(C.coserr_parse_body(bytesPtr(body), C.size_t(len(body)), &rec))
	d, _ = referenceRecordDecision(&rec, nil)
	return d, rc
}

// referenceRecordDecision is the decisions of a record a C call filled,
// given that call's headers.
func referenceRecordDecision(rec *C.coserr_error, headers [][2]string) (d Decision, prefixOnly Fields) {
	d = Decision{
		StatusCode: int(rec.status),
		Retry:      Retry(rec.retry),
		Location:   string(cstr(rec.location[:])),
		Region:     string(cstr(rec.region[:])),
		Flags:      Flags(rec.flags),
	}
	if d.Flags.Has(FlagServerClock) {
		d.ServerClock = time.UnixMilli(int64(rec.server_time_ms)).UTC()
	}
	for _, h := range []struct {
		field Fields
		name  string
		text  *string
	}{{FieldLocation, "location", &d.Location}, {FieldRegion, "x-cos-bucket-region", &d.Region}} {
		if Fields(rec.truncated)&h.field == 0 {
			continue
		}
		if whole := firstHeader(headers, h.name); utf8.ValidString(whole) {
			*h.text = whole
		} else {
			prefixOnly |= h.field
		}
	}
	return d, prefixOnly
}

// referenceRecord is the error of a record a C call filled with result
// rc, given that call's URL, headers and body (nil when rc is not OK).
func referenceRecord(rc uint32, rec *C.coserr_error, url string, headers [][2]string, body []byte) (e *ServiceError, prefixOnly Fields) {
	if rc != resultOK {
		return nil, 0
	}
	e = &ServiceError{
		StatusCode: int(rec.status),
		Code:       string(cstr(rec.code[:])),
		Message:    string(cstr(rec.message[:])),
		Resource:   string(cstr(rec.resource[:])),
		RequestID:  string(cstr(rec.request_id[:])),
		TraceID:    string(cstr(rec.trace_id[:])),
		ServerTime: string(cstr(rec.server_time[:])),
		Location:   string(cstr(rec.location[:])),
		Region:     string(cstr(rec.region[:])),
		Kind:       Kind(rec.kind),
		CodeID:     CodeID(rec.code_id),
		Category:   Category(rec.category),
		Retryable:  rec.retryable != 0,
		Retry:      Retry(rec.retry),
		Present:    Fields(rec.present),
		FromHeader: Fields(rec.from_header),
		Truncated:  Fields(rec.truncated),
		Flags:      Flags(rec.flags),
		BodyStatus: BodyStatus(rec.body_status),
		BodyOffset: int(rec.body_offset),
		Body:       string(body),
	}
	if e.Flags.Has(FlagServerClock) {
		e.ServerClock = time.UnixMilli(int64(rec.server_time_ms)).UTC()
	} else if rec.server_time_ms != 0 {
		panic("server_time_ms is not 0 with the clock unknown")
	}
	if e.BodyStatus == BodyOK {
		e.Extras = referenceExtras(body)
	}
	for i, text := range e.texts() {
		bit := Fields(1) << i
		if e.Truncated&bit == 0 {
			continue
		}
		if whole, ok := referenceWhole(e, bit, url, headers, body); ok {
			*text = whole
		} else {
			prefixOnly |= bit
		}
	}
	return e, prefixOnly
}

// referenceWhole is the whole value of the cut field of e, as a C program
// that has the response finds it: a body field's from coserr_field_value;
// a value from a header or the URL is that input (the first non-empty
// entry of the header's name; for the request id, of the first of
// x-cos-request-id, x-ci-request-id, x-img-request-id that has one); the
// message of a client error, or of a body without
// one of its own when the code came from x-cos-error-code, is the body.
// ok is false when that input is not UTF-8 (the library decodes it).
func referenceWhole(e *ServiceError, field Fields, url string, headers [][2]string, body []byte) (string, bool) {
	var input string
	switch {
	case e.FromHeader&field != 0:
		names := map[Fields][]string{
			FieldCode:      {"x-cos-error-code"},
			FieldRequestID: {"x-cos-request-id", "x-ci-request-id", "x-img-request-id"},
			FieldTraceID:   {"x-cos-trace-id"},
			FieldLocation:  {"location"},
			FieldRegion:    {"x-cos-bucket-region"},
		}[field]
		if field == FieldResource {
			input = url
		}
		for _, name := range names {
			if v := firstHeader(headers, name); v != "" {
				input = v
				break
			}
		}
	case field == FieldMessage && (e.Kind == KindClient || e.FromHeader.Has(FieldCode) && referenceFieldValue(body, FieldMessage) == ""):
		input = string(body)
	default:
		return referenceFieldValue(body, field), true
	}
	return input, utf8.ValidString(input)
}

// firstHeader is the value of the first entry of headers called name
// (lowercase, compared without regard to ASCII case) whose value is not
// empty, or "".
func firstHeader(headers [][2]string, name string) string {
	for _, kv := range headers {
		if len(kv[0]) != len(name) {
			continue
		}
		same := true
		for i := 0; i < len(name) && same; i++ {
			c := kv[0][i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			same = c == name[i]
		}
		if same && kv[1] != "" {
			return kv[1]
		}
	}
	return ""
}

// referenceFieldValue is coserr_field_value for field of body, asked as
// the C ABI documents: the length with (NULL, 0), then the value into a
// buffer of that length plus the NUL; "" when the body has no such field.
func referenceFieldValue(body []byte, field Fields) string {
	var n C.size_t
	rc := C.coserr_field_value(bytesPtr(body), C.size_t(len(body)), C.uint32_t(field), nil, 0, &n)
	if rc == resultNotFound {
		return ""
	}
	if rc != resultOK {
		panic("coserr_field_value, length: " + ResultName(uint32(rc)))
	}
	buf := make([]byte, n+1)
	var again C.size_t
	if rc := C.coserr_field_value(bytesPtr(body), C.size_t(len(body)), C.uint32_t(field),
		(*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &again); rc != resultOK || again != n {
		panic("coserr_field_value: " + ResultName(uint32(rc)))
	}
	return string(buf[:n])
}

// referenceExtras reads the extras of body as a C caller who wants them
// whole does: coserr_extras_begin, then for each extra a copy of the
// iterator, coserr_extras_next with (NULL, 0) buffers for the lengths, and
// coserr_extras_next again from the copy into buffers of exactly that size
// (plus the NUL).
func referenceExtras(body []byte) []Extra {
	var it C.coserr_extras_iter
	if rc := C.coserr_extras_begin(bytesPtr(body), C.size_t(len(body)), &it); rc != resultOK {
		panic("coserr_extras_begin: " + ResultName(uint32(rc)))
	}
	var extras []Extra
	for {
		before := it
		var nameLen, valueLen C.size_t
		rc := C.coserr_extras_next(bytesPtr(body), C.size_t(len(body)), &it, nil, 0, &nameLen, nil, 0, &valueLen)
		if rc == resultNotFound {
			return extras
		}
		if rc != resultOK {
			panic("coserr_extras_next, lengths: " + ResultName(uint32(rc)))
		}
		name, value := make([]byte, nameLen+1), make([]byte, valueLen+1)
		if rc := C.coserr_extras_next(bytesPtr(body), C.size_t(len(body)), &before,
			(*C.char)(unsafe.Pointer(&name[0])), C.size_t(len(name)), nil,
			(*C.char)(unsafe.Pointer(&value[0])), C.size_t(len(value)), nil); rc != resultOK {
			panic("coserr_extras_next: " + ResultName(uint32(rc)))
		}
		extras = append(extras, Extra{Name: string(name[:nameLen]), Value: string(value[:valueLen])})
	}
}

// texts are the eight texts of e, in the order of the Fields bits.
func (e *ServiceError) texts() [8]*string {
	return [8]*string{&e.Code, &e.Message, &e.Resource, &e.RequestID, &e.TraceID, &e.ServerTime, &e.Location, &e.Region}
}

// referenceRetryName is coserr_retry_name: the C library's name of a retry
// class ("" for a number that is not one).
func referenceRetryName(r Retry) string {
	return staticString(C.coserr_retry_name(C.uint32_t(r)))
}

// referenceClockSkewMs is coserr_clock_skew_ms on the C record of e (as
// Error and Digest fill it: server_time_ms from ServerClock, flags from
// Flags) and the local clock localMs.
func referenceClockSkewMs(e *ServiceError, localMs int64) (skewMs int64, rc uint32) {
	var rec C.coserr_error
	record(e, KindService, &rec)
	var skew C.int64_t
	rc = uint32(C.coserr_clock_skew_ms(&rec, C.int64_t(localMs), &skew))
	return int64(skew), rc
}

// cstr returns the bytes of a NUL-terminated C array, up to the NUL.
func cstr(a []C.char) []byte {
	b := cbytes(a)
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// extrasOf reads the extras of body through an iteration of their own
// (coserr_extras_begin parses the body again): the tests' reference, which
// does not rely on the parse's has_extras.
func extrasOf(body []byte) []Extra {
	var it C.coserr_extras_iter
	C.coserr_extras_begin(bytesPtr(body), C.size_t(len(body)), &it)
	xbuf, spans := fetchExtras(body, it, nil, nil)
	extras := make([]Extra, len(spans))
	for i, sp := range spans {
		extras[i] = Extra{Name: string(xbuf[:sp.nameLen]), Value: string(xbuf[sp.nameLen : sp.nameLen+sp.valueLen])}
		xbuf = xbuf[sp.nameLen+sp.valueLen:]
	}
	return extras
}
