package coserr

// #include "shim.h"
import "C"

import (
	"net/http"
	"net/url"
	"time"
)

// Decision is what to do next after an answer, error or not, decided by
// the C library from the one parse that Parse makes: the retry class, the
// service's clock, where a redirect points, whether the answer came from
// COS. Its fields have the names, types and rules of the same fields of
// ServiceError; Err is what Parse returns for the answer.
//
// An answer that is no error has decisions too: a 302 or 301 without any
// request id did not come from COS (RetrySwitchDomain: a proxy, a captive
// portal or a hijacked domain answered), and every answer may carry a
// Location, a bucket region and a Date.
type Decision struct {
	// StatusCode is the HTTP status (0 when unknown).
	StatusCode int
	// Retry says what retrying can do for this answer (see
	// ServiceError.Retry for the rules). An answer that is no error has no
	// code: only RetrySwitchDomain (a 3xx other than 304, or a 5xx, without
	// any request id) or RetryNone.
	Retry Retry
	// ServerClock is the service's clock when it answered, to the
	// millisecond, in UTC: from the body's ServerTime (RFC 3339), else the
	// Date header (an HTTP-date). Valid when Flags has FlagServerClock;
	// else the zero Time. See ClockSkew.
	ServerClock time.Time
	// Location is the first non-empty Location header, whole: where a
	// redirect points.
	Location string
	// Region is the first non-empty x-cos-bucket-region header, whole: the
	// region the bucket is in.
	Region string
	// Flags are the record's flags: FlagServerClock (ServerClock is known)
	// and FlagNotFromCOS (no request id at all: see FromCOS) for any
	// answer; FlagPartial and FlagIDsDisagree for an error's body.
	Flags Flags
	// Err is what Parse returns for the same answer: nil when it is not an
	// error, else a *ServiceError or *ClientError whose Decision() is this
	// Decision.
	Err error
}

// Decide is Parse with the decisions of every answer, errors and
// non-errors alike: Err is what Parse(resp, body) returns, and the other
// fields are decided from the same parse. Call it instead of Parse, not
// beside it (each call parses the body once). resp and body are read as
// Parse reads them; a nil resp judges the body alone, as ParseBody.
func Decide(resp *http.Response, body []byte) Decision {
	if resp == nil {
		r := request{body: body, bodyOnly: true}
		return r.decide(nil)
	}
	var r request
	u := r.of(resp, body)
	return r.decide(u)
}

// DecideRaw is Decide without net/http types, as ParseRaw is Parse: Err is
// what ParseRaw returns for the same arguments.
func DecideRaw(status int, method, url string, header map[string][]string, body []byte) Decision {
	r := request{status: statusOf(status), method: method, url: url, body: body}
	r.findHeaders(header)
	return r.decide(nil)
}

// Decision is the error's decisions, Err being e: what Decide gives for
// the answer Parse made e of.
func (e *ServiceError) Decision() Decision { return e.decision(e) }

// Decision is the error's decisions, Err being e, as ServiceError.Decision.
func (e *ClientError) Decision() Decision { return (*ServiceError)(e).decision(e) }

// decision is e's decisions with err (e as its own type) as Err.
func (e *ServiceError) decision(err error) Decision {
	return Decision{
		StatusCode:  e.StatusCode,
		Retry:       e.Retry,
		ServerClock: e.ServerClock,
		Location:    e.Location,
		Region:      e.Region,
		Flags:       e.Flags,
		Err:         err,
	}
}

// FromCOS reports whether the answer carries a request id (a non-empty
// x-cos-request-id, x-ci-request-id or x-img-request-id header, or a
// RequestId in the body), the mark of an answer that came from COS. It is
// false when no request id came at all (FlagNotFromCOS): a proxy, a
// captive portal or a hijacked domain answered, and for a 3xx (other than
// 304) or a 5xx Retry is then RetrySwitchDomain. A body judged alone
// (ParseBody, Decide with a nil resp) has no headers to judge: true.
func (d Decision) FromCOS() bool { return !d.Flags.Has(FlagNotFromCOS) }

// Retryable reports whether sending the same request again may succeed:
// exactly when Retry is RetryTransient or RetryThrottle (a skewed clock
// needs correcting and an answer that did not come from COS another domain
// before a retry can help).
func (d Decision) Retryable() bool { return d.Retry == RetryTransient || d.Retry == RetryThrottle }

// decide parses r once and returns the decisions with Parse's result
// (lazyURL as parse takes it).
func (r *request) decide(lazyURL *url.URL) Decision {
	var d Decision
	err := r.parse(lazyURL, &d)
	switch e := err.(type) {
	case *ServiceError:
		return e.decision(err)
	case *ClientError:
		return (*ServiceError)(e).decision(err)
	}
	return d
}

// recordDecision is the decisions a record holds as numbers (the status,
// the retry class, the flags, the clock), for an error (buildWith) and
// for an answer that is none (decided) alike.
func (r *request) recordDecision(out *cSpans) Decision {
	d := Decision{StatusCode: int(out.status), Retry: Retry(out.retry), Flags: Flags(out.flags)}
	if r.bodyOnly {
		// coserr_parse_body never judges where a body came from.
		d.Flags &^= FlagNotFromCOS
	}
	d.ServerClock = serverClock(d.Flags, int64(out.server_time_ms))
	return d
}

// decided is the Decision of a record that is no error (text is the
// call's text buffer, nil when none was given): Location and Region
// whole, as an error's.
func (r *request) decided(out *cSpans, text []byte) Decision {
	d := r.recordDecision(out)
	d.Location = r.headerText(out, &out.location, FieldLocation, text)
	d.Region = r.headerText(out, &out.region, FieldRegion, text)
	return d
}

// headerText is the whole value of a field that only a header gives
// (Location, Region): by the rules buildWith follows, the header string
// itself when the record holds it whole, else the whole header (wholeOf),
// else the record's text.
func (r *request) headerText(out *cSpans, sp *C.coserr_span, field Fields, text []byte) string {
	if Fields(out.truncated)&field != 0 {
		// A header field's whole value is always a string (share).
		if w, ok := r.wholeOf(KindNone, Fields(out.from_header), field, nil); ok && w.field == 0 && !w.body {
			return w.share
		}
	}
	if sp.source == C.COSERR_SOURCE_HEADER {
		o, l := int(sp.offset), int(sp.len)
		return r.hv[sp.header][o : o+l]
	}
	return string(r.spanBytes(sp, text)) // decoded into text, or none
}
