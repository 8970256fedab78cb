package coserr

/*
#include "shim.h"

// None of these functions keeps a pointer after it returns or calls back into
// Go: the compiler may leave the buffers passed to them on the Go stack.
#cgo noescape coserr_go_parse
#cgo nocallback coserr_go_parse
*/
import "C"

import (
	"net/http"
	"net/url"
	"unicode/utf8"
	"unsafe"
)

// Parse turns the answer to one COS request into an error: nil when it is
// not one, else a *ServiceError (the service answered and the operation
// failed) or a *ClientError (the answer could not be understood).
//
// It uses resp.StatusCode, resp.Header (the names in canonical form, as
// net/http stores them and resp.Header.Get reads them; the first non-empty
// value of each, an empty header being no header), and, when resp.Request is set, its Method (a HEAD 404 becomes
// NoSuchResource) and URL (the Resource when the body has none). body is
// the response body, already read; resp.Body is not touched. A status
// below 400 is an error only when the body is an XML <Error> document
// (Copy, UploadPartCopy and CompleteMultipartUpload can fail inside a 200).
func Parse(resp *http.Response, body []byte) error {
	if resp == nil {
		return ParseBody(body)
	}
	var r request
	u := r.of(resp, body)
	return r.parse(u, nil)
}

// of sets r, zero, to what Parse passes to C for resp and body (in place:
// the request is too large to return cheaply), and returns the request
// URL, to be turned into a string only if the record needs it.
func (r *request) of(resp *http.Response, body []byte) *url.URL {
	r.status, r.body = statusOf(resp.StatusCode), body
	var u *url.URL
	if resp.Request != nil {
		r.method, u = resp.Request.Method, resp.Request.URL
	}
	r.canonicalOf(resp.Header)
	return u
}

// ParseRaw is Parse without net/http types: the HTTP status (0 = unknown),
// the request method and URL ("" = unknown), the response headers (any
// case; an http.Header will do; nil = none; the first non-empty value of
// each) and the body. A map that holds a header under several spellings
// gives the value of the canonical one (X-Cos-Request-Id), else of the
// spelling that sorts first, among those with a non-empty value.
func ParseRaw(status int, method, url string, header map[string][]string, body []byte) error {
	r := request{status: statusOf(status), method: method, url: url, body: body}
	r.findHeaders(header)
	return r.parse(nil, nil)
}

// ParseBody judges a body alone, the status unknown: nil for an empty body
// or a well-formed document that is not an error, a *ServiceError for an
// error document, a *ClientError for a body that is not XML or JSON or is
// malformed.
func ParseBody(body []byte) error {
	// coserr_parse_body is coserr_parse_response with status 0 and nothing
	// but the body, except that it does not set NOT_FROM_COS.
	r := request{body: body, bodyOnly: true}
	return r.parse(nil, nil)
}

// request is one response as it is passed to C: the headers coserr reads
// and the other inputs. The record's spans point into these, so the error
// can share the strings (the URL, the header values) instead of copying
// them.
type request struct {
	status C.uint32_t
	method string
	url    string
	// hv[k] is the value of known header k when bit k of have is set.
	have uint32
	hv   [knownHeaders]string
	body []byte
	// bodyOnly: ParseBody, no headers to judge (coserr_parse_body never
	// sets NOT_FROM_COS, which coserr_parse_response sets for no headers).
	bodyOnly bool
}

// cSpans is the record coserr_parse_response_spans fills.
type cSpans = C.coserr_spans

// parse calls C and builds the error. lazyURL, when set, is only turned
// into a string (an allocation) if the record needs it: an error whose
// body has no Resource. d, when set, receives the Decision of an answer
// that is no error (Decide), from the same record.
func (r *request) parse(lazyURL *url.URL, d *Decision) error {
	if len(r.body) > textFirstSize {
		return r.withText(lazyURL, d)
	}
	var out cSpans
	rc := r.call(&out, nil)
	if rc == resultTextNeeded {
		return r.withText(lazyURL, d)
	}
	return r.result(rc, &out, nil, lazyURL, d)
}

// textFirstSize is the body size above which the text buffer is passed
// at once: zeroing it costs less than parsing such a body a second time
// when a text turns out to need it.
const textFirstSize = 1 << 10

// withText parses with a text buffer: for a record with a text that is not
// bytes of an input (entities decoded, U+FFFD, the HEAD 404 texts). The
// buffer lives in this function's frame only, so that the common path does
// not zero its 3.6 KB.
func (r *request) withText(lazyURL *url.URL, d *Decision) error {
	var out cSpans
	var text [textCapacity]byte
	return r.result(r.call(&out, text[:]), &out, text[:], lazyURL, d)
}

// call is coserr_parse_response_spans on r, with text (nil, or
// textCapacity bytes) as the text buffer.
func (r *request) call(out *cSpans, text []byte) uint32 {
	req := C.coserr_go_request{
		status:     r.status,
		have:       C.uint32_t(r.have),
		method:     strPtr(r.method),
		method_len: C.size_t(len(r.method)),
		url:        strPtr(r.url),
		url_len:    C.size_t(len(r.url)),
		body:       bytesPtr(r.body),
		body_len:   C.size_t(len(r.body)),
	}
	for k, v := range &r.hv {
		req.value[k], req.value_len[k] = strPtr(v), C.size_t(len(v))
	}
	return uint32(C.coserr_go_parse(req, out, (*C.char)(unsafe.Pointer(bytesPtr(text))), C.size_t(len(text))))
}

// result turns a C result and record into nil, *ServiceError or
// *ClientError, and for nil the Decision into d when set. text is the
// call's text buffer (nil when none was given); the extras, if any, are
// read from out.extras, the iteration of the same parse.
func (r *request) result(rc uint32, out *cSpans, text []byte, lazyURL *url.URL, d *Decision) error {
	var urlResource string
	if rc == resultOK && lazyURL != nil && out.resource.len == 0 {
		// The body has no Resource (or an empty one): the URL is the
		// fallback. A valid UTF-8 URL that fits is stored as is, exactly as
		// C would (present, from the header side, not truncated); any
		// other goes through C again.
		if u := lazyURL.String(); u != "" {
			if len(u) < resourceArray && utf8.ValidString(u) {
				urlResource = u
			} else if r.url = u; text == nil {
				if rc = r.call(out, nil); rc == resultTextNeeded {
					return r.withText(nil, d)
				}
			} else {
				rc = r.call(out, text)
			}
		}
	}
	switch rc {
	case resultOK:
	case resultNotAnError:
		if d != nil {
			*d = r.decided(out, text)
		}
		return nil
	default:
		return r.failed(rc)
	}
	e := r.build(out, text)
	if urlResource != "" {
		e.Resource = urlResource
		e.Present |= FieldResource
		e.FromHeader |= FieldResource
		e.Truncated &^= FieldResource
	}
	if e.Kind == KindClient {
		return (*ClientError)(e)
	}
	return e
}

// failed is the error for COSERR_PANIC and the like: a bug in coserr, never
// a valid answer. It is reported as a response that could not be
// understood, keeping the status and the body.
func (r *request) failed(rc uint32) error {
	e := &ServiceError{
		StatusCode: int(r.status),
		Kind:       KindClient,
		Message:    "coserr: " + ResultName(rc),
		Present:    FieldMessage,
		Body:       string(r.body),
	}
	if r.status >= 500 && r.status <= 599 {
		e.Retry, e.Retryable = RetryTransient, true
	}
	return (*ClientError)(e)
}
