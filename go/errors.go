package coserr

import (
	"errors"
	"net/http"
	"time"
)

// ServiceError is a COS service error (the Python SDK's CosServiceError): the
// service answered and the operation failed. Its first fields are those of
// cos-go-sdk-v5's ErrorResponse.
//
// All strings are UTF-8 (an invalid sequence in a header, the URL or a
// body that is not a document becomes U+FFFD) and whole: every byte of the
// value, NUL bytes included, however long. An empty string may still be
// present (an empty element in the body): Present tells absent from empty.
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
	// Location is the Location header: where a redirect points.
	Location string
	// Region is the x-cos-bucket-region header: the region the bucket is in.
	Region string

	// Kind is KindService for a *ServiceError, KindClient for a *ClientError.
	Kind Kind
	// CodeID is the code's entry in COS's error-code table (0 = unknown).
	CodeID CodeID
	// Category says what kind of failure the status and code describe.
	Category Category
	// Retryable says whether sending the same request again may succeed:
	// exactly when Retry is RetryTransient or RetryThrottle.
	Retryable bool
	// Retry says what retrying can do for this answer, the first of these
	// that holds: RetrySwitchDomain (a 3xx other than 304, or a 5xx, without
	// any request id: see FromCOS); RetryClockSkew (RequestTimeTooSkewed, or
	// AccessDenied / SignatureDoesNotMatch saying "request has expired": see
	// ClockSkew); RetryThrottle (429, SlowDown and the other throttling
	// codes); RetryTransient (5xx; InternalError, ServiceUnavailable or
	// RequestTimeout whatever the status); RetryNone.
	Retry Retry
	// ServerClock is the service's clock when it answered, to the
	// millisecond, in UTC: from the body's ServerTime (RFC 3339), else the
	// Date header (an HTTP-date). Valid when Flags has FlagServerClock;
	// else the zero Time. See ClockSkew.
	ServerClock time.Time

	// Present holds a bit per field that is there, possibly empty.
	Present Fields
	// FromHeader holds a bit per field whose value came from a header or the
	// request URL rather than the body.
	FromHeader Fields
	// Truncated holds a bit per field whose value the C record had to cut:
	// longer than its array (Code 63 bytes, Message and Resource 1023,
	// RequestID 127, TraceID 255, ServerTime 63, Location 1023, Region 63)
	// or holding a NUL byte, where C reads the end. The string here is
	// whole either way.
	Truncated Fields
	// Flags: FlagPartial (the body broke off; the fields before the break are
	// kept), FlagIDsDisagree (body and header ids differ; the body's won),
	// FlagServerClock (ServerClock is known), FlagNotFromCOS (no request id
	// at all: see FromCOS).
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
// Message the body as text, so that nothing is lost. A body that
// broke off part-way keeps the fields it completed (FlagPartial), e.g. Code.
type ClientError ServiceError

// Extra is a child of the error element that is not one of the six fields.
type Extra struct {
	// Name is the element's local name (without a namespace prefix).
	Name string
	// Value is its text (all descendant text, entities decoded), whole.
	Value string
}

// ErrUnparseableResponse is what a *ClientError unwraps to:
// errors.Is(err, ErrUnparseableResponse) tells a response whose body could
// not be understood.
var ErrUnparseableResponse = errors.New("coserr: unparseable response")

// Error returns the one-line display for logs and support tickets (from
// coserr_format): status, the retry class unless it is RetryNone, code,
// message, request id, trace id and resource, e.g.
// `CosServiceError status=404 code="NoSuchKey" message="..." request_id="..." trace_id="..." resource="..."`
// or `CosServiceError status=503 retry=transient code="ServiceUnavailable" ...`.
func (e *ServiceError) Error() string { return format(e, KindService) }

// Error returns the one-line display, e.g.
// `CosClientError status=502 cause=not_xml retry=switch_domain code=- message="<html>..." ...`.
func (e *ClientError) Error() string { return format((*ServiceError)(e), KindClient) }

// Unwrap returns ErrUnparseableResponse.
func (e *ClientError) Unwrap() error { return ErrUnparseableResponse }

// Digest returns the JSON digest (from coserr_to_json) with the Python SDK's
// get_digest_msg() keys code, message, resource, requestid, traceid (null
// when absent), then status, kind and retry (Retry's name).
func (e *ServiceError) Digest() string { return digest(e, KindService) }

// Digest returns the JSON digest, as ServiceError.Digest.
func (e *ClientError) Digest() string { return digest((*ServiceError)(e), KindClient) }

// FromCOS reports whether the answer carries a request id, as
// Decision.FromCOS: false when none came at all (FlagNotFromCOS), and for
// a 3xx (other than 304) or a 5xx Retry is then RetrySwitchDomain.
// ParseBody has no headers to judge: its errors say true.
func (e *ServiceError) FromCOS() bool { return e.Decision().FromCOS() }

// FromCOS reports whether the answer carries a request id, as
// Decision.FromCOS.
func (e *ClientError) FromCOS() bool { return e.Decision().FromCOS() }

// IsNotFound reports whether err is (or wraps) a *ServiceError or
// *ClientError saying the resource does not exist: category not-found
// (NoSuchKey, NoSuchBucket, ...) or HTTP status 404.
func IsNotFound(err error) bool {
	e := details(err)
	return e != nil && (e.Category == CategoryNotFound || e.StatusCode == http.StatusNotFound)
}

// IsRetryable reports whether err is (or wraps) a *ServiceError or
// *ClientError after which sending the same request again may succeed: its
// Retryable, true exactly when its Retry is RetryTransient or
// RetryThrottle (a skewed clock needs correcting and an answer that did not
// come from COS another domain before a retry can help).
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
