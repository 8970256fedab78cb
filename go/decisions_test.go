package coserr

import (
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The decisions the C library makes beyond parsing: the retry class, the
// service's clock, Location and Region, whether the answer came from COS.
// Expected values are written out by hand (dates checked with
// `date -u -d @SECONDS`), not read from the library.

func TestRetryNames(t *testing.T) {
	for _, c := range []struct {
		r    Retry
		want string
	}{
		{RetryNone, "none"},
		{RetryTransient, "transient"},
		{RetryThrottle, "throttle"},
		{RetryClockSkew, "clock_skew"},
		{RetrySwitchDomain, "switch_domain"},
	} {
		expectEq(t, "String", c.r.String(), c.want)
		// The C library's names (coserr_retry_name, the digest's "retry").
		expectEq(t, "coserr_retry_name", referenceRetryName(c.r), c.want)
	}
	expectEq(t, "String of an unknown class", Retry(5).String(), "Retry(5)")
	expectEq(t, "coserr_retry_name of an unknown class", referenceRetryName(5), "")
	expectEq(t, "Flags", (FlagServerClock | FlagNotFromCOS).String(), "server_clock|not_from_cos")
	expectEq(t, "Fields", (FieldLocation | FieldRegion).String(), "Location|Region")
}

// both parses the same response through Parse (an http.Header, as net/http
// builds it) and ParseRaw (a map), and fails unless they agree, and unless
// Decide's Err is the same error and its decisions the error's.
func both(t *testing.T, status int, header map[string]string, body string) error {
	t.Helper()
	h := http.Header{}
	for k, v := range header {
		h[http.CanonicalHeaderKey(k)] = []string{v}
	}
	resp := &http.Response{StatusCode: status, Header: h, Request: &http.Request{Method: "GET"}}
	err := Parse(resp, []byte(body))
	raw := ParseRaw(status, "GET", "", h, []byte(body))
	if !reflect.DeepEqual(details(err), details(raw)) {
		t.Errorf("Parse %+v\nParseRaw %+v", details(err), details(raw))
	}
	d := Decide(resp, []byte(body))
	if !reflect.DeepEqual(d.Err, err) {
		t.Errorf("Decide's Err %+v\nParse %+v", d.Err, err)
	} else if e := details(err); e != nil && !reflect.DeepEqual(e.decision(err), d) {
		t.Errorf("Decide %+v\nthe error's %+v", d, e.decision(err))
	}
	return err
}

func TestRetryDecisions(t *testing.T) {
	const (
		html502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
		id      = "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng=="
	)
	errBody := func(code, message string) string {
		return "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
	}
	withID := map[string]string{"x-cos-request-id": id}
	cases := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		kind    Kind
		retry   Retry
		fromCOS bool
	}{
		// 1. No request id and a 3xx (not 304) or 5xx: another domain.
		{"502 HTML, no request id", 502, nil, html502, KindClient, RetrySwitchDomain, false},
		{"503 SlowDown, no request id", 503, nil, errBody("SlowDown", "Please reduce your request rate."), KindService, RetrySwitchDomain, false},
		{"301 error document, no request id", 301, nil, errBody("PermanentRedirect", "Use the other endpoint."), KindService, RetrySwitchDomain, false},
		{"500, empty request-id header", 500, map[string]string{"x-cos-request-id": ""}, "", KindService, RetrySwitchDomain, false},
		{"500, trace id only", 500, map[string]string{"x-cos-trace-id": "t"}, "", KindService, RetrySwitchDomain, false},
		// A request id anywhere, and the rules after the first decide.
		{"502 HTML with x-cos-request-id", 502, withID, html502, KindClient, RetryTransient, true},
		{"500 with x-ci-request-id", 500, map[string]string{"x-ci-request-id": "ci"}, "", KindService, RetryTransient, true},
		{"500 with x-img-request-id", 500, map[string]string{"x-img-request-id": "img"}, "", KindService, RetryTransient, true},
		{"500, RequestId in the body only", 500, nil, "<Error><Code>InternalError</Code><RequestId>b</RequestId></Error>", KindService, RetryTransient, true},
		// 2. The clock.
		{"RequestTimeTooSkewed", 403, withID, errBody("RequestTimeTooSkewed", "The difference between the request time and the server's time is too large."), KindService, RetryClockSkew, true},
		{"AccessDenied, request has expired", 403, withID, errBody("AccessDenied", "Request has expired"), KindService, RetryClockSkew, true},
		{"SignatureDoesNotMatch, REQUEST HAS EXPIRED", 403, withID, errBody("SignatureDoesNotMatch", "The REQUEST HAS EXPIRED."), KindService, RetryClockSkew, true},
		{"AccessDenied, other message", 403, withID, errBody("AccessDenied", "Access Denied."), KindService, RetryNone, true},
		{"RequestTimeTooSkewed without a request id (4xx)", 403, nil, errBody("RequestTimeTooSkewed", "skewed"), KindService, RetryClockSkew, false},
		// 3. Throttling.
		{"429, empty body", 429, withID, "", KindService, RetryThrottle, true},
		{"429 without a request id (a 4xx: not switch domain)", 429, nil, "", KindService, RetryThrottle, false},
		{"503 SlowDown", 503, withID, errBody("SlowDown", "Please reduce your request rate."), KindService, RetryThrottle, true},
		// 4. Transient.
		{"500 InternalError", 500, withID, errBody("InternalError", "We encountered an internal error."), KindService, RetryTransient, true},
		{"200 InternalError (CompleteMultipartUpload)", 200, nil, errBody("InternalError", "We encountered an internal error."), KindService, RetryTransient, false},
		{"400 RequestTimeout", 400, withID, errBody("RequestTimeout", "timed out"), KindService, RetryTransient, true},
		// 5. Everything else.
		{"404 NoSuchKey", 404, withID, errBody("NoSuchKey", "The specified key does not exist."), KindService, RetryNone, true},
		{"404 NoSuchKey, no request id", 404, nil, errBody("NoSuchKey", "gone"), KindService, RetryNone, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := both(t, c.status, c.header, c.body)
			e := details(err)
			if e == nil {
				t.Fatalf("not an error")
			}
			expectEq(t, "Kind", e.Kind, c.kind)
			expectEq(t, "Retry", e.Retry, c.retry)
			retryable := c.retry == RetryTransient || c.retry == RetryThrottle
			expectEq(t, "Retryable", e.Retryable, retryable)
			expectEq(t, "IsRetryable", IsRetryable(err), retryable)
			expectEq(t, "FromCOS", e.FromCOS(), c.fromCOS)
			expectEq(t, "FlagNotFromCOS", e.Flags.Has(FlagNotFromCOS), !c.fromCOS)
			// The display line names the class after the status (and the
			// cause), unless it is none; the digest always does.
			line := err.Error()
			if c.retry == RetryNone {
				if strings.Contains(line, "retry=") {
					t.Errorf("Error() = %q names the class none", line)
				}
			} else if !strings.Contains(line, " retry="+c.retry.String()+" code=") {
				t.Errorf("Error() = %q, lacks retry=%s before the code", line, c.retry)
			}
			var d interface{ Digest() string }
			if errors.As(err, &d) && !strings.HasSuffix(d.Digest(), `,"retry":"`+c.retry.String()+`"}`) {
				t.Errorf("Digest() = %q, lacks the retry class last", d.Digest())
			}
		})
	}
	// Not errors: Parse gives nil; Decide gives the class (decide_test.go).
	for _, status := range []int{200, 204, 301, 304} {
		if err := both(t, status, nil, ""); err != nil {
			t.Errorf("%d, empty body: %v", status, err)
		}
	}
}

// The display line and the digest, in full, written out by hand.
func TestDecisionsDisplay(t *testing.T) {
	err := ParseRaw(503, "PUT", "", map[string][]string{"X-Cos-Request-Id": {"r-1"}},
		[]byte("<Error><Code>ServiceUnavailable</Code><Message>Please retry.</Message></Error>"))
	expectEq(t, "Error", err.Error(),
		`CosServiceError status=503 retry=transient code="ServiceUnavailable" message="Please retry." request_id="r-1" trace_id=- resource=-`)
	expectEq(t, "Digest", err.(*ServiceError).Digest(),
		`{"code":"ServiceUnavailable","message":"Please retry.","resource":null,"requestid":"r-1","traceid":null,"status":503,"kind":"service","retry":"transient"}`)

	err = ParseRaw(502, "GET", "", nil, []byte("<html><body>Bad Gateway</body></html>"))
	expectEq(t, "Error", err.Error(),
		`CosClientError status=502 cause=not_error_doc retry=switch_domain code=- message="<html><body>Bad Gateway</body></html>" request_id=- trace_id=- resource=-`)
	expectEq(t, "Digest", err.(*ClientError).Digest(),
		`{"code":null,"message":"<html><body>Bad Gateway</body></html>","resource":null,"requestid":null,"traceid":null,"status":502,"kind":"client","retry":"switch_domain"}`)

	// A hand-made error shows the class it holds.
	hand := &ServiceError{StatusCode: 429, Code: "SlowDown", Retry: RetryThrottle, Retryable: true}
	expectEq(t, "Error", hand.Error(), `CosServiceError status=429 retry=throttle code="SlowDown" message=- request_id=- trace_id=- resource=-`)
}

func TestClockSkew(t *testing.T) {
	// 1554781160 is 2019-04-09T03:39:20Z (date -u -d @1554781160: Tue Apr  9 03:39:20 UTC 2019).
	const serverSec = 1554781160
	body := func(serverTime string) string {
		return "<Error><Code>RequestTimeTooSkewed</Code><ServerTime>" + serverTime + "</ServerTime><RequestId>r</RequestId></Error>"
	}
	at := func(sec int64, nsec int64) time.Time { return time.Unix(sec, nsec) }
	cases := []struct {
		name   string
		header map[string]string
		body   string
		now    time.Time
		skew   time.Duration
		known  bool
	}{
		{"ServerTime, local clock 10 min ahead", nil, body("2019-04-09T03:39:20Z"), at(serverSec+600, 0), -10 * time.Minute, true},
		{"ServerTime, local clock 1 h behind", nil, body("2019-04-09T03:39:20Z"), at(serverSec-3600, 0), time.Hour, true},
		// 11:39:20.250+08:00 is 03:39:20.250Z (date -u -d @1554781160.25).
		{"ServerTime with a fraction and an offset", nil, body("2019-04-09T11:39:20.250+08:00"), at(serverSec, 0), 250 * time.Millisecond, true},
		// now is taken in whole milliseconds: 03:39:15.999999999 is ...155999 ms.
		{"milliseconds of now", nil, body("2019-04-09T03:39:20Z"), at(serverSec-5, 999_999_999), 4001 * time.Millisecond, true},
		// date -u -d @-0.5 '+%FT%T.%3N': 1969-12-31T23:59:59.500.
		{"before 1970", nil, body("1969-12-31T23:59:59.5Z"), at(0, 0), -500 * time.Millisecond, true},
		// date -u -d @4102444800: Fri Jan  1 00:00:00 UTC 2100.
		{"2100", nil, body("2100-01-01T00:00:00Z"), at(4102444800-1, 0), time.Second, true},
		// The Date header when the body has no ServerTime.
		{"Date, IMF-fixdate", map[string]string{"Date": "Tue, 09 Apr 2019 03:39:20 GMT"}, "", at(serverSec+30, 0), -30 * time.Second, true},
		{"Date, RFC 850", map[string]string{"Date": "Tuesday, 09-Apr-19 03:39:20 GMT"}, "", at(serverSec+30, 0), -30 * time.Second, true},
		{"Date, asctime", map[string]string{"Date": "Tue Apr  9 03:39:20 2019"}, "", at(serverSec+30, 0), -30 * time.Second, true},
		// date -u -d @951782400: Tue Feb 29 00:00:00 UTC 2000.
		{"Date on a leap day", map[string]string{"date": "Tue, 29 Feb 2000 00:00:00 GMT"}, "", at(951782400+90, 0), -90 * time.Second, true},
		// ServerTime wins over Date (one minute apart).
		{"ServerTime and Date", map[string]string{"Date": "Tue, 09 Apr 2019 03:40:20 GMT"}, body("2019-04-09T03:39:20Z"), at(serverSec, 0), 0, true},
		{"bad ServerTime, good Date", map[string]string{"Date": "Tue, 09 Apr 2019 03:40:20 GMT"}, body("yesterday"), at(serverSec, 0), time.Minute, true},
		// Unknown: nothing is guessed.
		{"no ServerTime, no Date", nil, "", at(serverSec, 0), 0, false},
		{"Date with hour 25", map[string]string{"Date": "Tue, 09 Apr 2019 25:39:20 GMT"}, "", at(serverSec, 0), 0, false},
		{"Date with the wrong weekday", map[string]string{"Date": "Wed, 09 Apr 2019 03:39:20 GMT"}, "", at(serverSec, 0), 0, false},
		{"ServerTime without a zone", nil, body("2019-04-09T03:39:20"), at(serverSec, 0), 0, false},
		{"empty Date", map[string]string{"Date": ""}, "", at(serverSec, 0), 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := details(both(t, 403, c.header, c.body))
			if e == nil {
				t.Fatal("not an error")
			}
			skew, ok := e.ClockSkew(c.now)
			expectEq(t, "known", ok, c.known)
			expectEq(t, "skew", skew, c.skew)
			expectEq(t, "FlagServerClock", e.Flags.Has(FlagServerClock), c.known)
			if !c.known {
				expectEq(t, "ServerClock", e.ServerClock, time.Time{})
				return
			}
			expectEq(t, "ServerClock", e.ServerClock, c.now.Truncate(time.Millisecond).Add(c.skew).UTC())
			// The same as coserr_clock_skew_ms on the record.
			ms, rc := referenceClockSkewMs(e, c.now.UnixMilli())
			expectEq(t, "coserr_clock_skew_ms", rc, uint32(resultOK))
			expectEq(t, "coserr_clock_skew_ms", time.Duration(ms)*time.Millisecond, skew)
		})
	}
	// A client error has the clock too (an HTML page with a Date header).
	err := ParseRaw(502, "GET", "", map[string][]string{"Date": {"Tue, 09 Apr 2019 03:39:20 GMT"}}, []byte("<p>bad gateway</p>"))
	var ce *ClientError
	if !errors.As(err, &ce) {
		t.Fatalf("%v", err)
	}
	if skew, ok := ce.ClockSkew(time.Unix(serverSec, 0)); !ok || skew != 0 {
		t.Errorf("ClientError.ClockSkew = %v, %v", skew, ok)
	}
}

// The skew saturates where coserr_clock_skew_ms saturates (int64
// milliseconds), then at the Duration's range (int64 nanoseconds).
func TestClockSkewSaturates(t *testing.T) {
	maxMs := int64(math.MaxInt64 / int64(time.Millisecond)) // 9223372036854 ms: the largest Duration in ms
	for _, c := range []struct {
		server, local int64
		want          time.Duration
	}{
		{0, 0, 0},
		{1500, 1000, 500 * time.Millisecond},
		{maxMs, 0, time.Duration(maxMs) * time.Millisecond},
		{maxMs + 1, 0, math.MaxInt64},
		{-maxMs, 0, time.Duration(-maxMs) * time.Millisecond},
		{-maxMs - 1, 0, math.MinInt64},
		{math.MaxInt64, math.MinInt64, math.MaxInt64}, // C saturates at INT64_MAX ms
		{math.MinInt64, math.MaxInt64, math.MinInt64}, // at INT64_MIN ms
		{math.MinInt64, 1, math.MinInt64},
		{math.MaxInt64, -1, math.MaxInt64},
		{-1, math.MaxInt64, math.MinInt64},
	} {
		e := &ServiceError{Flags: FlagServerClock, ServerClock: time.UnixMilli(c.server)}
		got, ok := e.ClockSkew(time.UnixMilli(c.local))
		if !ok || got != c.want {
			t.Errorf("server %d ms, local %d ms: %v, %v; want %v", c.server, c.local, got, ok, c.want)
		}
		ms, rc := referenceClockSkewMs(e, c.local)
		if rc != resultOK {
			t.Fatalf("coserr_clock_skew_ms: %s", ResultName(rc))
		}
		clamped := time.Duration(math.MaxInt64)
		if ms < -maxMs {
			clamped = math.MinInt64
		} else if ms <= maxMs {
			clamped = time.Duration(ms) * time.Millisecond
		}
		expectEq(t, "C's skew, clamped", got, clamped)
	}
	// Hand-made, clock unknown: no skew, as in C.
	e := &ServiceError{ServerClock: time.Now()}
	if _, ok := e.ClockSkew(time.Now()); ok {
		t.Errorf("a skew without FlagServerClock")
	}
	if _, rc := referenceClockSkewMs(e, 0); rc != resultNotFound {
		t.Errorf("coserr_clock_skew_ms without the flag: %s", ResultName(rc))
	}
}

func TestLocationRegion(t *testing.T) {
	longLocation := "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/" + strings.Repeat("dir/é/", 300) // 1,861 bytes
	longRegion := "ap-" + strings.Repeat("guangzhou-", 10)                                                          // 103 bytes
	cases := []struct {
		name             string
		header           map[string][]string
		location, region string
		present, cut     Fields
	}{
		{"short values", map[string][]string{"Location": {"https://b.cos.ap-beijing.myqcloud.com/k"}, "X-Cos-Bucket-Region": {"ap-beijing"}},
			"https://b.cos.ap-beijing.myqcloud.com/k", "ap-beijing", FieldLocation | FieldRegion, 0},
		{"any case", map[string][]string{"LOCATION": {"/k"}, "x-cos-BUCKET-region": {"ap-chengdu"}},
			"/k", "ap-chengdu", FieldLocation | FieldRegion, 0},
		{"longer than the arrays (1023 and 63 bytes)", map[string][]string{"Location": {longLocation}, "X-Cos-Bucket-Region": {longRegion}},
			longLocation, longRegion, FieldLocation | FieldRegion, FieldLocation | FieldRegion},
		{"NUL bytes", map[string][]string{"Location": {"/a\x00b"}, "X-Cos-Bucket-Region": {"ap-\x00x"}},
			"/a\x00b", "ap-\x00x", FieldLocation | FieldRegion, FieldLocation | FieldRegion},
		// Not UTF-8: each invalid byte becomes U+FFFD, as the library decodes it.
		{"not UTF-8", map[string][]string{"Location": {"/caf\xe9"}, "X-Cos-Bucket-Region": {"\xff" + longRegion}},
			"/caf\uFFFD", "\uFFFD" + longRegion, FieldLocation | FieldRegion, FieldRegion},
		// An empty header is no header.
		{"empty", map[string][]string{"Location": {""}, "X-Cos-Bucket-Region": {""}}, "", "", 0, 0},
		{"none", nil, "", "", 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range c.header {
				h[http.CanonicalHeaderKey(k)] = v
			}
			for how, err := range map[string]error{
				"ParseRaw": ParseRaw(301, "GET", "", c.header, []byte("<Error><Code>PermanentRedirect</Code></Error>")),
				"Parse":    Parse(&http.Response{StatusCode: 301, Header: h}, []byte("<Error><Code>PermanentRedirect</Code></Error>")),
			} {
				e := details(err)
				if e == nil {
					t.Fatalf("%s: not an error", how)
				}
				expectEq(t, how+" Location", e.Location, c.location)
				expectEq(t, how+" Region", e.Region, c.region)
				expectEq(t, how+" Present", e.Present&(FieldLocation|FieldRegion), c.present)
				expectEq(t, how+" FromHeader", e.FromHeader&(FieldLocation|FieldRegion), c.present)
				expectEq(t, how+" Truncated", e.Truncated&(FieldLocation|FieldRegion), c.cut)
			}
		})
	}
	// The first non-empty line of a name is the one the library reads
	// (net/http keeps several lines of one header in order): an empty one
	// hides nothing.
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"/first", "/second"}, "/first"},
		{[]string{"", "/second"}, "/second"},
		{[]string{"", ""}, ""},
	} {
		h := http.Header{"Location": c.lines, "X-Cos-Bucket-Region": c.lines}
		for how, err := range map[string]error{
			"ParseRaw": ParseRaw(301, "GET", "", h, []byte("<Error/>")),
			"Parse":    Parse(&http.Response{StatusCode: 301, Header: h}, []byte("<Error/>")),
		} {
			e := details(err)
			expectEq(t, how+" Location of lines "+strings.Join(c.lines, ","), e.Location, c.want)
			expectEq(t, how+" Region of lines "+strings.Join(c.lines, ","), e.Region, c.want)
		}
	}
}

func TestFromCOS(t *testing.T) {
	body := "<Error><Code>InternalError</Code></Error>"
	bodyWithID := "<Error><Code>InternalError</Code><RequestId>body-id</RequestId></Error>"
	for _, c := range []struct {
		name   string
		header map[string]string
		body   string
		want   bool
	}{
		{"x-cos-request-id", map[string]string{"x-cos-request-id": "a"}, body, true},
		{"x-ci-request-id", map[string]string{"x-ci-request-id": "b"}, body, true},
		{"x-img-request-id", map[string]string{"x-img-request-id": "c"}, body, true},
		{"RequestId in the body", nil, bodyWithID, true},
		{"no request id at all", map[string]string{"x-cos-trace-id": "t", "Server": "nginx"}, body, false},
		{"empty request-id headers", map[string]string{"x-cos-request-id": "", "x-ci-request-id": "", "x-img-request-id": ""}, body, false},
		{"no headers", nil, body, false},
	} {
		for _, status := range []int{400, 503} {
			e := details(both(t, status, c.header, c.body))
			expectEq(t, c.name+" FromCOS", e.FromCOS(), c.want)
			if status == 503 && !c.want {
				expectEq(t, c.name+" Retry", e.Retry, RetrySwitchDomain)
			}
		}
	}
	// ParseBody has no headers to judge, as coserr_parse_body.
	for _, b := range []string{body, bodyWithID, "garbage"} {
		e := details(ParseBody([]byte(b)))
		expectEq(t, "ParseBody FromCOS", e.FromCOS(), true)
		want, _, _ := referenceBodyError([]byte(b))
		expectEq(t, "ParseBody Flags", e.Flags, want.Flags)
	}
	// A ClientError says the same.
	var ce *ClientError
	if !errors.As(ParseRaw(502, "", "", nil, []byte("<p>x</p>")), &ce) || ce.FromCOS() {
		t.Errorf("ClientError.FromCOS of an answer without request id")
	}
}

// Through net/http, as an SDK meets them: a gateway's 502 page without a
// request id, a 429 with one, a redirect with Location and the region.
func TestDecisionsOverHTTP(t *testing.T) {
	html := sample(t, "edge/html_502.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gateway":
			w.Header()["Date"] = nil // net/http sends none then
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write(html)
		case "/throttled":
			w.Header().Set("Date", "Tue, 09 Apr 2019 03:39:20 GMT")
			w.Header().Set("x-cos-request-id", "req-429")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/moved":
			w.Header().Set("Location", "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/moved")
			w.Header().Set("X-Cos-Bucket-Region", "ap-beijing")
			w.Header().Set("x-cos-request-id", "req-301")
			w.WriteHeader(http.StatusMovedPermanently)
			_, _ = w.Write([]byte("<Error><Code>PermanentRedirect</Code><Message>Use the other endpoint.</Message></Error>"))
		}
	}))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(path string) error {
		t.Helper()
		resp, b := answer(t, client, srv.URL+path)
		return Parse(resp, b)
	}

	err := get("/gateway")
	var ce *ClientError
	if !errors.As(err, &ce) {
		t.Fatalf("gateway: %v", err)
	}
	expectEq(t, "gateway Retry", ce.Retry, RetrySwitchDomain)
	expectEq(t, "gateway IsRetryable", IsRetryable(err), false)
	expectEq(t, "gateway FromCOS", ce.FromCOS(), false)
	if _, ok := ce.ClockSkew(time.Now()); ok {
		t.Errorf("gateway: a clock without a Date header")
	}

	err = get("/throttled")
	var se *ServiceError
	if !errors.As(err, &se) {
		t.Fatalf("throttled: %v", err)
	}
	expectEq(t, "429 Retry", se.Retry, RetryThrottle)
	expectEq(t, "429 IsRetryable", IsRetryable(err), true)
	expectEq(t, "429 FromCOS", se.FromCOS(), true)
	skew, ok := se.ClockSkew(time.Date(2019, 4, 9, 3, 44, 20, 0, time.UTC))
	expectEq(t, "429 ClockSkew known", ok, true)
	expectEq(t, "429 ClockSkew", skew, -5*time.Minute)

	err = get("/moved")
	if !errors.As(err, &se) {
		t.Fatalf("moved: %v", err)
	}
	expectEq(t, "301 Location", se.Location, "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/moved")
	expectEq(t, "301 Region", se.Region, "ap-beijing")
	expectEq(t, "301 Retry", se.Retry, RetryNone) // a request id: COS itself redirects
	if _, ok := se.ClockSkew(time.Now()); !ok {
		t.Errorf("moved: net/http's Date header gives no clock")
	}
}

// answer GETs url with client and reads the whole body (the response is
// closed; Parse and Decide need only its status and headers).
func answer(t *testing.T, client *http.Client, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}
