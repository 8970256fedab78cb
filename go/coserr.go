// Package coserr turns the error answer of Tencent Cloud Object Storage
// (COS) — HTTP status, headers, body — into a Go error: a *ServiceError (the
// service answered and the operation failed) or a *ClientError (the answer
// could not be understood), through cgo over the static C library built from
// the coserr repository (see README.md for the build).
//
//	body, _ := io.ReadAll(resp.Body)
//	if err := coserr.Parse(resp, body); err != nil {
//		if coserr.IsNotFound(err) { ... }
//		var se *coserr.ServiceError
//		if errors.As(err, &se) { log.Print(se.Code, se.RequestID) }
//	}
//
// The decision rules (which responses are errors, header fallbacks, what a
// malformed body keeps) are those of the C library, DESIGN.md §2–§3.
package coserr

/*
// The header and library are found by link_static.go (default: this
// repository's include/ and target/release/) or link_pkgconfig.go (build tag
// coserr_pkgconfig: an installed coserr.pc).

// None of these functions keeps a pointer after it returns or calls back into
// Go: the compiler may leave the buffers passed to them on the Go stack.
#cgo noescape coserr_go_parse
#cgo nocallback coserr_go_parse
#cgo noescape coserr_go_next_extra
#cgo nocallback coserr_go_next_extra
#cgo noescape coserr_extras_next
#cgo nocallback coserr_extras_next
#cgo noescape coserr_extras_begin
#cgo nocallback coserr_extras_begin
#cgo noescape coserr_format
#cgo nocallback coserr_format
#cgo noescape coserr_to_json
#cgo nocallback coserr_to_json
#cgo nocallback coserr_code_name
#cgo nocallback coserr_result_name
#cgo nocallback coserr_abi_version

#include <stdint.h>
#include <string.h>
#include "coserr.h"

// One step of the one-pass extras iteration (coserr_extras_begin /
// coserr_extras_next), as a pointer-free Go value: the iterator before and
// after the extra in name/value (the copy before lets Go read a cut extra
// again at full length), and the extra itself, cut to the arrays.
typedef struct coserr_go_extra {
	coserr_extras_iter before, it;
	size_t name_len, value_len; // full lengths
	uint32_t rc;                // COSERR_OK: name/value hold an extra; else none is left
	char name[256];
	char value[1024];
} coserr_go_extra;

// Moves x to the next extra of body.
static void coserr_go_next_extra(const uint8_t *body, size_t body_len, coserr_go_extra *x) {
	x->before = x->it;
	x->rc = coserr_extras_next(body, body_len, &x->it, x->name, sizeof x->name, &x->name_len,
	                           x->value, sizeof x->value, &x->value_len);
}

// The five headers coserr reads (coserr's KnownHeader order); Go passes
// only these, found in one pass over its map (knownHeader).
enum { COSERR_GO_KNOWN_HEADERS = 5 };
static const char *const coserr_go_header_names[COSERR_GO_KNOWN_HEADERS] = {
	"x-cos-error-code", "x-cos-request-id", "x-ci-request-id", "x-img-request-id", "x-cos-trace-id",
};
static const size_t coserr_go_header_name_lens[COSERR_GO_KNOWN_HEADERS] = {16, 16, 15, 16, 14};

// coserr_parse_response_spans with the coserr_header array built here, on
// the C stack, from the values Go found (bit i of have: header i is there,
// with value vi, possibly empty): the coserr_response and coserr_header
// structs, which hold pointers, never live in Go memory. A span into a
// header names it by its index among the five (Go's hv), not in that
// array. text is (NULL, 0) or COSERR_PACKED_TEXT_CAPACITY bytes of Go
// memory (no pointers).
static uint32_t coserr_go_parse(uint32_t status,
		const char *method, size_t method_len,
		const char *url, size_t url_len,
		uint32_t have,
		const char *v0, size_t l0, const char *v1, size_t l1, const char *v2, size_t l2,
		const char *v3, size_t l3, const char *v4, size_t l4,
		const uint8_t *body, size_t body_len,
		coserr_spans *out, char *text, size_t text_cap) {
	const char *v[COSERR_GO_KNOWN_HEADERS] = {v0, v1, v2, v3, v4};
	size_t l[COSERR_GO_KNOWN_HEADERS] = {l0, l1, l2, l3, l4};
	coserr_header h[COSERR_GO_KNOWN_HEADERS];
	uint32_t known[COSERR_GO_KNOWN_HEADERS];
	size_t n = 0;
	for (int i = 0; i < COSERR_GO_KNOWN_HEADERS; i++) {
		if (have & (1u << i)) {
			h[n].name = coserr_go_header_names[i];
			h[n].name_len = coserr_go_header_name_lens[i];
			h[n].value = v[i];
			h[n].value_len = l[i];
			known[n] = (uint32_t)i;
			n++;
		}
	}
	coserr_response r;
	r.status = status;
	r.method = method;
	r.method_len = method_len;
	r.url = url;
	r.url_len = url_len;
	r.headers = n ? h : NULL;
	r.header_count = n;
	r.body = body;
	r.body_len = body_len;
	uint32_t rc = coserr_parse_response_spans(&r, out, text, text_cap);
	coserr_span *s[6] = {&out->code, &out->message, &out->resource,
	                     &out->request_id, &out->trace_id, &out->server_time};
	for (int i = 0; i < 6; i++) {
		if (s[i]->source == COSERR_SOURCE_HEADER && s[i]->header < n) {
			s[i]->header = known[s[i]->header];
		}
	}
	return rc;
}
*/
import "C"

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"unicode/utf8"
	"unsafe"
)

// Results of the C functions (COSERR_OK ...).
const (
	resultOK          = 0
	resultNotAnError  = 1
	resultNotFound    = 5
	resultTextNeeded  = 6
	inlineBodyMaxSize = 8 << 10
)

// ServiceError is a COS service error (the Python SDK's CosServiceError): the
// service answered and the operation failed. Its first fields are those of
// cos-go-sdk-v5's ErrorResponse.
//
// All strings are UTF-8 and at most the C record's capacity (Code 63 bytes,
// Message and Resource 1023, RequestID 127, TraceID 255, ServerTime 63); a
// longer value is cut at a character boundary and its bit set in Truncated.
// An empty string may still be present (an empty element in the body):
// Present tells absent from empty.
type ServiceError struct {
	// StatusCode is the HTTP status (0 when unknown).
	StatusCode int
	// Code is the COS error code, e.g. "NoSuchKey".
	Code string
	// Message is the error message.
	Message string
	// Resource is the resource of the body, or else the request URL.
	Resource string
	// RequestID is the key for COS's diagnosis tool: from the body, or else
	// the x-cos-request-id (x-ci-request-id, x-img-request-id) header.
	RequestID string
	// TraceID is from the body, or else the x-cos-trace-id header.
	TraceID string
	// ServerTime is the <ServerTime> of signature errors.
	ServerTime string

	// Kind is KindService for a *ServiceError, KindClient for a *ClientError.
	Kind Kind
	// CodeID is the code's entry in COS's error-code table (0 = unknown).
	CodeID CodeID
	// Category says what kind of failure the status and code describe.
	Category Category
	// Retryable says whether sending the same request again may succeed
	// (5xx, SlowDown, RequestTimeout, InternalError, ServiceUnavailable).
	Retryable bool

	// Present holds a bit per field that is there, possibly empty.
	Present Fields
	// FromHeader holds a bit per field whose value came from a header or the
	// request URL rather than the body.
	FromHeader Fields
	// Truncated holds a bit per field whose value was cut to capacity.
	Truncated Fields
	// Flags: FlagPartial (the body broke off; the fields before the break are
	// kept), FlagIDsDisagree (body and header ids differ; the body's won).
	Flags Flags

	// BodyStatus is the body's verdict: BodyOK, BodyEmpty, BodyNotXML,
	// BodyMalformed or BodyNotErrorDoc.
	BodyStatus BodyStatus
	// BodyOffset is the byte offset where a BodyMalformed body went wrong.
	BodyOffset int
	// Body is the raw body (the Python SDK's get_origin_msg()), copied: a
	// string, immutable like the fields, which share its bytes.
	Body string
	// Extras are the other children of the error element, in document order
	// (HostId, StringToSign, FormatString, a repeated Code...).
	Extras []Extra
}

// ClientError is a response that could not be understood (the Python SDK's
// CosClientError with an unparseable response): an error status with a body
// that is not XML or JSON, is malformed, or is not an error document.
//
// It carries the same fields as ServiceError: the status, the request and
// trace ids from the headers, the raw Body, BodyStatus as the cause, and as
// Message the start of the body as text, so that nothing is lost. A body that
// broke off part-way keeps the fields it completed (FlagPartial), e.g. Code.
type ClientError ServiceError

// Extra is a child of the error element that is not one of the six fields.
type Extra struct {
	// Name is the element's local name (without a namespace prefix).
	Name string
	// Value is its text (all descendant text, entities decoded), in full.
	Value string
}

// ErrUnparseableResponse is what a *ClientError unwraps to:
// errors.Is(err, ErrUnparseableResponse) tells a response whose body could
// not be understood.
var ErrUnparseableResponse = errors.New("coserr: unparseable response")

// Error returns the one-line display for logs and support tickets (from
// coserr_format): status, code, message, request id, trace id and resource,
// e.g. `CosServiceError status=404 code="NoSuchKey" message="..." request_id="..." trace_id="..." resource="..."`.
func (e *ServiceError) Error() string { return format(e, KindService) }

// Error returns the one-line display, e.g.
// `CosClientError status=502 cause=not_xml code=- message="<html>..." ...`.
func (e *ClientError) Error() string { return format((*ServiceError)(e), KindClient) }

// Unwrap returns ErrUnparseableResponse.
func (e *ClientError) Unwrap() error { return ErrUnparseableResponse }

// Digest returns the JSON digest (from coserr_to_json) with the Python SDK's
// get_digest_msg() keys code, message, resource, requestid, traceid (null
// when absent), then status and kind.
func (e *ServiceError) Digest() string { return digest(e, KindService) }

// Digest returns the JSON digest, as ServiceError.Digest.
func (e *ClientError) Digest() string { return digest((*ServiceError)(e), KindClient) }

// IsNotFound reports whether err is (or wraps) a *ServiceError or
// *ClientError saying the resource does not exist: category not-found
// (NoSuchKey, NoSuchBucket, ...) or HTTP status 404.
func IsNotFound(err error) bool {
	e := details(err)
	return e != nil && (e.Category == CategoryNotFound || e.StatusCode == http.StatusNotFound)
}

// IsRetryable reports whether err is (or wraps) a *ServiceError or
// *ClientError after which sending the same request again may succeed.
func IsRetryable(err error) bool {
	e := details(err)
	return e != nil && e.Retryable
}

// details finds the record behind either error type.
func details(err error) *ServiceError {
	var se *ServiceError
	if errors.As(err, &se) {
		return se
	}
	var ce *ClientError
	if errors.As(err, &ce) {
		return (*ServiceError)(ce)
	}
	return nil
}

// Parse turns the answer to one COS request into an error: nil when it is
// not one, else a *ServiceError or a *ClientError (DESIGN §3).
//
// It uses resp.StatusCode, resp.Header (read as resp.Header.Get reads it:
// names in canonical form, as net/http stores them; the first value of
// each), and, when resp.Request is set, its Method (a HEAD 404 becomes
// NoSuchResource) and URL (the Resource when the body has none). body is
// the response body, already read; resp.Body is not touched. A status
// below 400 is an error only when the body is an XML <Error> document
// (Copy, UploadPartCopy and CompleteMultipartUpload can fail inside a 200).
func Parse(resp *http.Response, body []byte) error {
	if resp == nil {
		return ParseBody(body)
	}
	r, u := requestOf(resp, body)
	return r.parse(u)
}

// requestOf is what Parse passes to C for resp and body, and the request
// URL, to be turned into a string only if the record needs it.
func requestOf(resp *http.Response, body []byte) (request, *url.URL) {
	r := request{status: statusOf(resp.StatusCode), body: body}
	var u *url.URL
	if resp.Request != nil {
		r.method, u = resp.Request.Method, resp.Request.URL
	}
	// net/http stores header names in canonical form: five look-ups, as
	// resp.Header.Get would make, cost half a pass over the map.
	for k, name := range canonicalHeaders {
		if v := resp.Header[name]; len(v) > 0 {
			r.have |= 1 << k
			r.hv[k] = v[0]
		}
	}
	return r, u
}

// ParseRaw is Parse without net/http types: the HTTP status (0 = unknown),
// the request method and URL ("" = unknown), the response headers (any
// case; an http.Header will do; nil = none) and the body. A map that holds
// a header under several spellings gives the value of the canonical one
// (X-Cos-Request-Id), else of the spelling that sorts first.
func ParseRaw(status int, method, url string, header map[string][]string, body []byte) error {
	r := request{status: statusOf(status), method: method, url: url, body: body}
	r.findHeaders(header)
	return r.parse(nil)
}

// ParseBody judges a body alone, the status unknown: nil for an empty body
// or a well-formed document that is not an error, a *ServiceError for an
// error document, a *ClientError for a body that is not XML or JSON or is
// malformed.
func ParseBody(body []byte) error {
	// coserr_parse_body is coserr_parse_response with status 0 and nothing
	// but the body.
	r := request{body: body}
	return r.parse(nil)
}

// The known headers, in the order of coserr_go_header_names.
const knownHeaders = 5

// canonicalHeaders are the known headers' names as net/http stores them
// (textproto.CanonicalMIMEHeaderKey), in the same order.
var canonicalHeaders = [knownHeaders]string{
	"X-Cos-Error-Code", "X-Cos-Request-Id", "X-Ci-Request-Id", "X-Img-Request-Id", "X-Cos-Trace-Id",
}

// resourceArray is the size of coserr_error's resource array: a text
// shorter than it is stored whole.
const resourceArray = len(C.coserr_error{}.resource)

// knownHeader is the index of the header called name (any ASCII case) among
// the five coserr reads, or -1: the C library looks at no other header.
func knownHeader(name string) int {
	switch len(name) {
	case 14:
		if asciiFold(name, "x-cos-trace-id") {
			return 4
		}
	case 15:
		if asciiFold(name, "x-ci-request-id") {
			return 2
		}
	case 16:
		switch name[2] | 0x20 {
		case 'c':
			if name[6]|0x20 == 'e' && asciiFold(name, "x-cos-error-code") {
				return 0
			}
			if asciiFold(name, "x-cos-request-id") {
				return 1
			}
		case 'i':
			if asciiFold(name, "x-img-request-id") {
				return 3
			}
		}
	}
	return -1
}

// asciiFold reports whether s equals lower (lowercase ASCII, same length)
// without regard to ASCII case, as the C library compares header names
// (strings.EqualFold would also fold non-ASCII letters such as the Kelvin
// sign).
func asciiFold(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// request is one response as it is passed to C: the headers coserr reads
// (found in one pass over the map) and the other inputs. The record's
// spans point into these, so the error can share the strings (the URL, the
// header values) instead of copying them.
type request struct {
	status C.uint32_t
	method string
	url    string
	// hv[k] is the value of header k (coserr_go_header_names) when bit k of
	// have is set.
	have uint32
	hv   [knownHeaders]string
	body []byte
}

// findHeaders finds the headers coserr reads in one pass over the map, in
// any case: the first value of each (C reads no other header, so the others
// need not be passed).
//
// C takes the first entry of a name in its list, but a map has no order: a
// map that holds one header under several spellings (net/http never makes
// one) would give a different answer from run to run. The spelling that
// wins is fixed instead (preferredSpelling).
func (r *request) findHeaders(header map[string][]string) {
	var from [knownHeaders]string // the key each value was taken from
	for name, values := range header {
		if len(values) == 0 {
			continue
		}
		k := knownHeader(name)
		if k < 0 || r.have&(1<<k) != 0 && !preferredSpelling(name, from[k], k) {
			continue
		}
		r.have |= 1 << k
		r.hv[k] = values[0]
		from[k] = name
	}
}

// preferredSpelling reports whether key name wins over key have, two
// spellings of known header k: the canonical one (as net/http stores it,
// the one Parse and Header.Get read), else the one that sorts first.
func preferredSpelling(name, have string, k int) bool {
	if have == canonicalHeaders[k] {
		return false
	}
	return name == canonicalHeaders[k] || name < have
}

// cSpans is the record coserr_parse_response_spans fills.
type cSpans = C.coserr_spans

// parse calls C and builds the error. lazyURL, when set, is only turned
// into a string (an allocation) if the record needs it: an error whose
// body has no Resource.
func (r *request) parse(lazyURL *url.URL) error {
	if len(r.body) > textFirstSize {
		return r.withText(lazyURL)
	}
	var out cSpans
	rc := r.call(&out, nil)
	if rc == resultTextNeeded {
		return r.withText(lazyURL)
	}
	return r.result(rc, &out, nil, lazyURL)
}

// textFirstSize is the body size above which the text buffer is passed
// at once: zeroing it costs less than parsing such a body a second time
// when a text turns out to need it.
const textFirstSize = 1 << 10

// withText parses with a text buffer: for a record with a text that is not
// bytes of an input (entities decoded, U+FFFD, the HEAD 404 texts). The
// buffer lives in this function's frame only, so that the common path does
// not zero its 2.5 KB.
func (r *request) withText(lazyURL *url.URL) error {
	var out cSpans
	var text [C.COSERR_PACKED_TEXT_CAPACITY]byte
	return r.result(r.call(&out, text[:]), &out, text[:], lazyURL)
}

// call is coserr_parse_response_spans on r, with text (nil, or
// COSERR_PACKED_TEXT_CAPACITY bytes) as the text buffer.
func (r *request) call(out *cSpans, text []byte) uint32 {
	hv := &r.hv
	return uint32(C.coserr_go_parse(r.status,
		strPtr(r.method), C.size_t(len(r.method)),
		strPtr(r.url), C.size_t(len(r.url)),
		C.uint32_t(r.have),
		strPtr(hv[0]), C.size_t(len(hv[0])), strPtr(hv[1]), C.size_t(len(hv[1])),
		strPtr(hv[2]), C.size_t(len(hv[2])), strPtr(hv[3]), C.size_t(len(hv[3])),
		strPtr(hv[4]), C.size_t(len(hv[4])),
		bytesPtr(r.body), C.size_t(len(r.body)),
		out, (*C.char)(unsafe.Pointer(bytesPtr(text))), C.size_t(len(text))))
}

// result turns a C result and record into nil, *ServiceError or
// *ClientError. text is the call's text buffer (nil when none was given);
// the extras, if any, are read from out.extras, the iteration of the same
// parse.
func (r *request) result(rc uint32, out *cSpans, text []byte, lazyURL *url.URL) error {
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
					return r.withText(nil)
				}
			} else {
				rc = r.call(out, text)
			}
		}
	}
	switch rc {
	case resultOK:
	case resultNotAnError:
		return nil
	default:
		// COSERR_PANIC and the like: a bug in coserr, never a valid answer.
		// Report it as a response that could not be understood, keeping the
		// status and the body.
		e := &ServiceError{
			StatusCode: int(r.status),
			Kind:       KindClient,
			Message:    "coserr: " + ResultName(rc),
			Present:    FieldMessage,
			Retryable:  r.status >= 500 && r.status <= 599,
			Body:       string(r.body),
		}
		return (*ClientError)(e)
	}
	var e *ServiceError
	// Extras belong to an error document (a JSON body has none).
	if out.has_extras == 0 || out.body_status != C.COSERR_BODY_OK {
		e = r.build(out, text, nil, nil)
	} else {
		var x C.coserr_go_extra
		x.it = out.extras
		C.coserr_go_next_extra(bytesPtr(r.body), C.size_t(len(r.body)), &x)
		var xArr [2048]byte
		var spanArr [inlineExtras]extraSpan
		xbuf, spans := fetchExtras(r.body, &x, xArr[:0], spanArr[:0])
		e = r.build(out, text, xbuf, spans)
	}
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

// inlineExtras extras share the error's allocation.
const inlineExtras = 4

// serviceErrorExtras is a ServiceError allocated with room for its extras.
type serviceErrorExtras struct {
	ServiceError
	extras [inlineExtras]Extra
}

// extraSpan is one extra in fetchExtras's buffer: its name, then its value.
type extraSpan struct{ nameLen, valueLen int }

// build makes the ServiceError of a C record: one allocation for the
// struct (and up to inlineExtras extras), one for the bytes of the body
// and of every text that is not already a Go string. A text from the body
// is a substring of the error's copy of the body, a text from the URL or a
// header is that string itself; only texts C wrote into text (and the
// extras) are copied, beside the body. A body over inlineBodyMaxSize gets
// its own copy and the texts theirs, so that a field kept alone does not
// keep a large body alive.
func (r *request) build(out *cSpans, text, xbuf []byte, xspans []extraSpan) *ServiceError {
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
	var e *ServiceError
	switch {
	case len(xspans) == 0:
		e = new(ServiceError)
	case len(xspans) <= inlineExtras:
		w := new(serviceErrorExtras)
		e = &w.ServiceError
		e.Extras = w.extras[:len(xspans):len(xspans)]
	default:
		e = new(ServiceError)
		e.Extras = make([]Extra, len(xspans))
	}
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

// extrasOf reads the extras of body through an iteration of their own
// (coserr_extras_begin parses the body again): the tests' reference, which
// does not rely on the parse's has_extras.
func extrasOf(body []byte) []Extra {
	var x C.coserr_go_extra
	C.coserr_extras_begin(bytesPtr(body), C.size_t(len(body)), &x.it)
	C.coserr_go_next_extra(bytesPtr(body), C.size_t(len(body)), &x)
	xbuf, spans := fetchExtras(body, &x, nil, nil)
	extras := make([]Extra, len(spans))
	for i, sp := range spans {
		extras[i] = Extra{Name: string(xbuf[:sp.nameLen]), Value: string(xbuf[sp.nameLen : sp.nameLen+sp.valueLen])}
		xbuf = xbuf[sp.nameLen+sp.valueLen:]
	}
	return extras
}

// fetchExtras appends the extras of the iteration x, from the one it holds
// to the last, to xbuf (name, then value) and spans: one cgo call per extra
// (coserr_extras_next, which never parses the body again). An extra cut to
// x's arrays is read again at full length from the iterator before it.
func fetchExtras(body []byte, x *C.coserr_go_extra, xbuf []byte, spans []extraSpan) ([]byte, []extraSpan) {
	for x.rc == resultOK {
		nameLen, valueLen := int(x.name_len), int(x.value_len)
		if nameLen < len(x.name) && valueLen < len(x.value) {
			xbuf = append(xbuf, cbytes(x.name[:nameLen])...)
			xbuf = append(xbuf, cbytes(x.value[:valueLen])...)
		} else {
			name, value := make([]byte, nameLen+1), make([]byte, valueLen+1)
			it := x.before
			if C.coserr_extras_next(bytesPtr(body), C.size_t(len(body)), &it,
				(*C.char)(unsafe.Pointer(&name[0])), C.size_t(len(name)), nil,
				(*C.char)(unsafe.Pointer(&value[0])), C.size_t(len(value)), nil) != resultOK {
				break
			}
			xbuf = append(xbuf, name[:nameLen]...)
			xbuf = append(xbuf, value[:valueLen]...)
		}
		spans = append(spans, extraSpan{nameLen, valueLen})
		C.coserr_go_next_extra(bytesPtr(body), C.size_t(len(body)), x)
	}
	return xbuf, spans
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
	out.present = C.uint32_t(present)
	out.from_header = C.uint32_t(e.FromHeader)
	out.truncated = C.uint32_t(e.Truncated)
	out.flags = C.uint32_t(e.Flags)
	out.code_id = C.uint32_t(e.CodeID)
	out.category = C.uint32_t(e.Category)
	if e.Retryable {
		out.retryable = 1
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

func format(e *ServiceError, kind Kind) string {
	var rec C.coserr_error
	record(e, kind, &rec)
	var arr [512]byte
	buf := arr[:]
	n := int(C.coserr_format(&rec, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
	if n >= len(buf) {
		buf = make([]byte, n+1)
		n = int(C.coserr_format(&rec, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
	}
	return string(buf[:n])
}

func digest(e *ServiceError, kind Kind) string {
	var rec C.coserr_error
	record(e, kind, &rec)
	var arr [512]byte
	buf := arr[:]
	n := int(C.coserr_to_json(&rec, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
	if n >= len(buf) {
		buf = make([]byte, n+1)
		n = int(C.coserr_to_json(&rec, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf))))
	}
	return string(buf[:n])
}

// ResultName is coserr_result_name: "COSERR_OK"... for a C result code.
func ResultName(rc uint32) string { return staticString(C.coserr_result_name(C.uint32_t(rc))) }

// ABIVersion is coserr_abi_version: the C ABI version of the linked library.
func ABIVersion() uint32 { return uint32(C.coserr_abi_version()) }

// staticString views a static NUL-terminated C string (the library's name
// tables, never freed) as a Go string, without copying.
func staticString(p *C.char) string {
	if p == nil {
		return ""
	}
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(p)))
}

// cbytes views C chars as bytes.
func cbytes(a []C.char) []byte {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), len(a))
}

// cstr returns the bytes of a NUL-terminated C array, up to the NUL.
func cstr(a []C.char) []byte {
	b := unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), len(a))
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

func statusOf(status int) C.uint32_t {
	if status < 0 || status > 0xFFFFFFFF {
		return 0
	}
	return C.uint32_t(status)
}

func strPtr(s string) *C.char {
	if s == "" {
		return nil
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

func bytesPtr(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b)))
}
