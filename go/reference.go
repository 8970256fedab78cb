package coserr

/*
#include <stdlib.h>
#include "coserr.h"
*/
import "C"

import (
	"bytes"
	"unsafe"
)

// referenceError is the tests' reference for Parse and ParseRaw (FuzzParse):
// the response handed to coserr_parse_response as a C program hands it —
// every header entry, in list order, all of it in C memory — and the error
// read from the plain coserr_error that call fills (its NUL-terminated
// arrays, its numbers), with the extras read by index (referenceExtras).
// None of the Go side's shortcuts is taken: not the five-header filter, not
// the spans, not the lazy URL, not the text buffer retry, not the extras
// iteration. nil when the response is not an error; rc is the C result.
func referenceError(status int, method, url string, headers [][2]string, body []byte) (e *ServiceError, rc uint32) {
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

	var rec C.coserr_error
	rc = uint32(C.coserr_parse_response(r, &rec))
	if rc != resultOK {
		return nil, rc
	}
	e = &ServiceError{
		StatusCode: int(rec.status),
		Code:       string(cstr(rec.code[:])),
		Message:    string(cstr(rec.message[:])),
		Resource:   string(cstr(rec.resource[:])),
		RequestID:  string(cstr(rec.request_id[:])),
		TraceID:    string(cstr(rec.trace_id[:])),
		ServerTime: string(cstr(rec.server_time[:])),
		Kind:       Kind(rec.kind),
		CodeID:     CodeID(rec.code_id),
		Category:   Category(rec.category),
		Retryable:  rec.retryable != 0,
		Present:    Fields(rec.present),
		FromHeader: Fields(rec.from_header),
		Truncated:  Fields(rec.truncated),
		Flags:      Flags(rec.flags),
		BodyStatus: BodyStatus(rec.body_status),
		BodyOffset: int(rec.body_offset),
		Body:       string(body),
	}
	if e.BodyStatus == BodyOK {
		e.Extras = referenceExtras(body)
	}
	return e, rc
}

// referenceExtras reads the extras of body as coserr_extra_get's
// documentation says a C caller may: the count, then each extra's lengths,
// then the extra into buffers of exactly that size (plus the NUL).
func referenceExtras(body []byte) []Extra {
	n := int(C.coserr_extra_count(bytesPtr(body), C.size_t(len(body))))
	extras := make([]Extra, n)
	for i := range extras {
		var nameLen, valueLen C.size_t
		if rc := C.coserr_extra_get(bytesPtr(body), C.size_t(len(body)), C.size_t(i), nil, 0, &nameLen, nil, 0, &valueLen); rc != resultOK {
			panic("coserr_extra_get, lengths: " + ResultName(uint32(rc)))
		}
		name, value := make([]byte, nameLen+1), make([]byte, valueLen+1)
		if rc := C.coserr_extra_get(bytesPtr(body), C.size_t(len(body)), C.size_t(i),
			(*C.char)(unsafe.Pointer(&name[0])), C.size_t(len(name)), nil,
			(*C.char)(unsafe.Pointer(&value[0])), C.size_t(len(value)), nil); rc != resultOK {
			panic("coserr_extra_get: " + ResultName(uint32(rc)))
		}
		extras[i] = Extra{Name: string(name[:nameLen]), Value: string(value[:valueLen])}
	}
	return extras
}

// cstr returns the bytes of a NUL-terminated C array, up to the NUL.
func cstr(a []C.char) []byte {
	b := cbytes(a)
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}
