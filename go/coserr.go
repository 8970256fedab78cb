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
#cgo noescape coserr_go_parse_body
#cgo nocallback coserr_go_parse_body
#cgo noescape coserr_go_next_extra
#cgo nocallback coserr_go_next_extra
#cgo noescape coserr_extras_next
#cgo nocallback coserr_extras_next
#cgo noescape coserr_format
#cgo nocallback coserr_format
#cgo noescape coserr_to_json
#cgo nocallback coserr_to_json
#cgo nocallback coserr_code_name
#cgo nocallback coserr_result_name
#cgo nocallback coserr_abi_version

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coserr.h"

// One header as offsets into one byte buffer: Go memory that holds no
// pointers, so cgo lets Go pass it (and the buffer) straight to C.
typedef struct coserr_go_span {
	size_t name_off, name_len, value_off, value_len;
} coserr_go_span;

enum { COSERR_GO_STACK_HEADERS = 64 };
#define COSERR_GO_NO_MEMORY 0xFFFFFFFFu

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

// A lower bound on what coserr_extras_begin needs to parse: the number of
// '<' that may open an element (not '</', '<!', '<?').
static size_t coserr_go_open_tags(const uint8_t *b, size_t n) {
	size_t tags = 0;
	const uint8_t *end = b + n;
	while (b < end && (b = (const uint8_t *)memchr(b, '<', (size_t)(end - b))) != NULL) {
		b++;
		if (b < end && *b != '/' && *b != '!' && *b != '?') tags++;
	}
	return tags;
}

// After a parse: begins the extras iteration of an error document and reads
// its first extra, in the same cgo call. coserr_extras_begin parses the body
// again, so it is skipped when no extra is possible: a body with extras has
// at least 1 (the error element) + 1 (an extra) + one per field taken from
// the body (present and not from a header) opening tags. A code from
// x-cos-error-code lets the message be the body's text rather than an
// element, so then it always begins. always (tests only) skips the shortcut.
static void coserr_go_first_extra(uint32_t rc, const coserr_error *out,
                                  const uint8_t *body, size_t body_len, coserr_go_extra *x,
                                  int always) {
	x->rc = COSERR_NOT_FOUND;
	if (rc != COSERR_OK || out->body_status != COSERR_BODY_OK) return;
	if (!always && !(out->from_header & COSERR_FIELD_CODE)) {
		uint32_t from_body = out->present & ~out->from_header;
		size_t fields = 0;
		for (; from_body; from_body &= from_body - 1) fields++;
		if (coserr_go_open_tags(body, body_len) < 2 + fields) return;
	}
	coserr_extras_begin(body, body_len, &x->it);
	coserr_go_next_extra(body, body_len, x);
}

// coserr_parse_response with the coserr_header array built here, on the C
// stack (or malloc'ed for an unusually long header list), from Go's offsets:
// the coserr_response and coserr_header structs, which hold pointers, never
// live in Go memory.
static uint32_t coserr_go_parse(uint32_t status,
		const char *method, size_t method_len,
		const char *url, size_t url_len,
		const char *hbuf, const coserr_go_span *spans, size_t n,
		const uint8_t *body, size_t body_len,
		coserr_error *out, coserr_go_extra *x, int always) {
	coserr_header stack[COSERR_GO_STACK_HEADERS];
	coserr_header *h = stack;
	x->rc = COSERR_NOT_FOUND;
	if (n > COSERR_GO_STACK_HEADERS) {
		h = (coserr_header *)malloc(n * sizeof *h);
		if (h == NULL) return COSERR_GO_NO_MEMORY;
	}
	for (size_t i = 0; i < n; i++) {
		h[i].name = hbuf + spans[i].name_off;
		h[i].name_len = spans[i].name_len;
		h[i].value = hbuf + spans[i].value_off;
		h[i].value_len = spans[i].value_len;
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
	uint32_t rc = coserr_parse_response(&r, out);
	if (h != stack) free(h);
	coserr_go_first_extra(rc, out, body, body_len, x, always);
	return rc;
}

static uint32_t coserr_go_parse_body(const uint8_t *body, size_t body_len,
		coserr_error *out, coserr_go_extra *x, int always) {
	uint32_t rc = coserr_parse_body(body, body_len, out);
	coserr_go_first_extra(rc, out, body, body_len, x, always);
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

// alwaysBeginExtras (tests only) skips the open-tag shortcut of
// coserr_go_first_extra, so that the tests can check the shortcut never
// hides an extra.
var alwaysBeginExtras C.int

// Results of the C functions (COSERR_OK ...).
const (
	resultOK          = 0
	resultNotAnError  = 1
	resultNotFound    = 5
	resultNoMemory    = 0xFFFFFFFF
	stackHeaderBytes  = 1024
	stackHeaderSpans  = 16
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
	// Body is a copy of the raw body (the Python SDK's get_origin_msg()).
	Body []byte
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
// It uses resp.StatusCode, resp.Header (every value), and, when resp.Request
// is set, its Method (a HEAD 404 becomes NoSuchResource) and URL (the
// Resource when the body has none). body is the response body, already read;
// resp.Body is not touched. A status below 400 is an error only when the body
// is an XML <Error> document (Copy, UploadPartCopy and CompleteMultipartUpload
// can fail inside a 200).
func Parse(resp *http.Response, body []byte) error {
	if resp == nil {
		return ParseBody(body)
	}
	var method string
	var u *url.URL
	if resp.Request != nil {
		method, u = resp.Request.Method, resp.Request.URL
	}
	return parse(resp.StatusCode, method, "", u, resp.Header, body)
}

// ParseRaw is Parse without net/http types: the HTTP status (0 = unknown),
// the request method and URL ("" = unknown), the response headers (any
// case; an http.Header will do; nil = none) and the body.
func ParseRaw(status int, method, url string, header map[string][]string, body []byte) error {
	return parse(status, method, url, nil, header, body)
}

// ParseBody judges a body alone, the status unknown: nil for an empty body
// or a well-formed document that is not an error, a *ServiceError for an
// error document, a *ClientError for a body that is not XML or JSON or is
// malformed.
func ParseBody(body []byte) error {
	var out C.coserr_error
	var x C.coserr_go_extra
	rc := C.coserr_go_parse_body(bytesPtr(body), C.size_t(len(body)), &out, &x, alwaysBeginExtras)
	return result(uint32(rc), 0, &out, body, &x, "")
}

// parse packs the headers into one pointer-free buffer on the Go stack and
// calls C. lazyURL, when set, is only turned into a string (an allocation)
// if the record needs it: an error whose body has no Resource.
func parse(status int, method, rawURL string, lazyURL *url.URL, header map[string][]string, body []byte) error {
	var hbufArr [stackHeaderBytes]byte
	var spanArr [stackHeaderSpans]C.coserr_go_span
	hbuf, spans := hbufArr[:0], spanArr[:0]
	for name, values := range header {
		for _, v := range values {
			off := len(hbuf)
			hbuf = append(hbuf, name...)
			hbuf = append(hbuf, v...)
			spans = append(spans, C.coserr_go_span{
				name_off:  C.size_t(off),
				name_len:  C.size_t(len(name)),
				value_off: C.size_t(off + len(name)),
				value_len: C.size_t(len(v)),
			})
		}
	}
	st := statusOf(status)
	var out C.coserr_error
	var x C.coserr_go_extra
	call := func(u string) uint32 {
		return uint32(C.coserr_go_parse(st,
			strPtr(method), C.size_t(len(method)),
			strPtr(u), C.size_t(len(u)),
			(*C.char)(unsafe.Pointer(unsafe.SliceData(hbuf))), spanPtr(spans), C.size_t(len(spans)),
			bytesPtr(body), C.size_t(len(body)),
			&out, &x, alwaysBeginExtras))
	}
	rc := call(rawURL)
	var urlResource string
	if rc == resultOK && lazyURL != nil && out.resource[0] == 0 {
		// The body has no Resource (or an empty one): the URL is the
		// fallback. A valid UTF-8 URL that fits is stored as is, exactly as
		// C would (present, from the header side, not truncated); any
		// other goes through C again.
		if u := lazyURL.String(); u != "" {
			if len(u) < len(out.resource) && utf8.ValidString(u) {
				urlResource = u
			} else {
				rc = call(u)
			}
		}
	}
	return result(rc, uint32(st), &out, body, &x, urlResource)
}

// result turns a C result and record into nil, *ServiceError or *ClientError.
//
// x is the extras iteration of the same call, at its first extra;
// urlResource, when not empty, is the Resource (the request URL, the body
// having none).
func result(rc, status uint32, out *C.coserr_error, body []byte, x *C.coserr_go_extra, urlResource string) error {
	switch rc {
	case resultOK:
	case resultNotAnError:
		return nil
	case resultNoMemory:
		panic("coserr: out of memory")
	default:
		// COSERR_PANIC and the like: a bug in coserr, never a valid answer.
		// Report it as a response that could not be understood, keeping the
		// status and the body.
		e := &ServiceError{
			StatusCode: int(status),
			Kind:       KindClient,
			Message:    "coserr: " + ResultName(rc),
			Present:    FieldMessage,
			Retryable:  status >= 500 && status <= 599,
			Body:       bytes.Clone(body),
		}
		return (*ClientError)(e)
	}
	var xArr [2048]byte
	var spanArr [inlineExtras]extraSpan
	xbuf, spans := fetchExtras(body, x, xArr[:0], spanArr[:0])
	e := build(out, body, xbuf, spans)
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

// build copies the C record and the extras into one ServiceError: one
// allocation for the struct (and up to inlineExtras extras), one for the
// bytes of every string plus the body. A body over inlineBodyMaxSize gets its
// own copy, so that a field kept alone does not keep a large body alive.
func build(out *C.coserr_error, body, xbuf []byte, spans []extraSpan) *ServiceError {
	code := cstr(out.code[:])
	message := cstr(out.message[:])
	resource := cstr(out.resource[:])
	requestID := cstr(out.request_id[:])
	traceID := cstr(out.trace_id[:])
	serverTime := cstr(out.server_time[:])
	n := len(code) + len(message) + len(resource) + len(requestID) + len(traceID) + len(serverTime) + len(xbuf)
	inline := len(body) <= inlineBodyMaxSize
	if inline {
		n += len(body)
	}
	var e *ServiceError
	switch {
	case len(spans) == 0:
		e = new(ServiceError)
	case len(spans) <= inlineExtras:
		w := new(serviceErrorExtras)
		e = &w.ServiceError
		e.Extras = w.extras[:len(spans):len(spans)]
	default:
		e = new(ServiceError)
		e.Extras = make([]Extra, len(spans))
	}
	*e = ServiceError{
		StatusCode: int(out.status),
		Kind:       Kind(out.kind),
		CodeID:     CodeID(out.code_id),
		Category:   Category(out.category),
		Retryable:  out.retryable != 0,
		Present:    Fields(out.present),
		FromHeader: Fields(out.from_header),
		Truncated:  Fields(out.truncated),
		Flags:      Flags(out.flags),
		BodyStatus: BodyStatus(out.body_status),
		BodyOffset: int(out.body_offset),
		Extras:     e.Extras,
	}
	if n == 0 {
		return e
	}
	buf := make([]byte, n)
	off := 0
	if len(body) > 0 {
		if inline {
			off = copy(buf, body)
			// The bytes after the body are never reachable through Body
			// (its capacity stops at the body), so the strings stay immutable.
			e.Body = buf[:off:off]
		} else {
			e.Body = bytes.Clone(body)
		}
	}
	take := func(b []byte) string {
		if len(b) == 0 {
			return ""
		}
		s := unsafe.String(&buf[off], len(b))
		off += copy(buf[off:], b)
		return s
	}
	e.Code = take(code)
	e.Message = take(message)
	e.Resource = take(resource)
	e.RequestID = take(requestID)
	e.TraceID = take(traceID)
	e.ServerTime = take(serverTime)
	for i, sp := range spans {
		e.Extras[i] = Extra{Name: take(xbuf[:sp.nameLen]), Value: take(xbuf[sp.nameLen : sp.nameLen+sp.valueLen])}
		xbuf = xbuf[sp.nameLen+sp.valueLen:]
	}
	return e
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

func spanPtr(s []C.coserr_go_span) *C.coserr_go_span {
	if len(s) == 0 {
		return nil
	}
	return unsafe.SliceData(s)
}
