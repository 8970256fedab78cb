package coserr

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Decide gives the decisions of every answer, errors and non-errors alike.
// Expected values are written out by hand from the rules (a request id or
// not, the status class, the headers sent), not read from the library.

// decideBoth decides the same response through Decide (an http.Header, as
// net/http builds it) and DecideRaw (the map as given), fails unless they
// agree, and unless their Err is what Parse and ParseRaw return.
func decideBoth(t *testing.T, status int, header map[string][]string, body string) Decision {
	t.Helper()
	h := http.Header{}
	for k, v := range header {
		for _, line := range v {
			h.Add(k, line)
		}
	}
	resp := &http.Response{StatusCode: status, Header: h, Request: &http.Request{Method: "GET"}}
	d := Decide(resp, []byte(body))
	raw := DecideRaw(status, "GET", "", header, []byte(body))
	if !reflect.DeepEqual(d, raw) {
		t.Errorf("Decide %+v\nDecideRaw %+v", d, raw)
	}
	if err := Parse(resp, []byte(body)); !reflect.DeepEqual(d.Err, err) {
		t.Errorf("Decide's Err %#v, Parse %#v", d.Err, err)
	}
	if err := ParseRaw(status, "GET", "", header, []byte(body)); !reflect.DeepEqual(raw.Err, err) {
		t.Errorf("DecideRaw's Err %#v, ParseRaw %#v", raw.Err, err)
	}
	return d
}

func TestDecide(t *testing.T) {
	const (
		id        = "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng=="
		backup    = "https://examplebucket-1250000000.cos.accelerate.myqcloud.com/key"
		date      = "Tue, 09 Apr 2019 03:39:20 GMT"
		serverSec = 1554781160 // date -u -d @1554781160: Tue Apr  9 03:39:20 UTC 2019
	)
	longLocation := "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/" + strings.Repeat("dir/é/", 300) // 1,861 bytes
	serviceUnavailable := "<Error><Code>ServiceUnavailable</Code><Message>Please retry.</Message></Error>"
	h := func(kv ...string) map[string][]string {
		m := map[string][]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
		return m
	}
	cases := []struct {
		name             string
		status           int
		header           map[string][]string
		body             string
		err              Kind // KindNone: Err is nil
		retry            Retry
		fromCOS          bool
		location, region string
		clockSec         int64 // 0: the clock is unknown
	}{
		// A redirect without any request id did not come from COS.
		{"302 without any request id", 302, h("Location", backup), "", KindNone, RetrySwitchDomain, false, backup, "", 0},
		{"302, Location over 1023 bytes", 302, h("Location", longLocation), "", KindNone, RetrySwitchDomain, false, longLocation, "", 0},
		{"301, HTML page, no request id", 301, h("Location", "/k", "Content-Type", "text/html"), "<html><body>Moved</body></html>", KindNone, RetrySwitchDomain, false, "/k", "", 0},
		{"302, empty x-cos-request-id", 302, h("Location", backup, "x-cos-request-id", ""), "", KindNone, RetrySwitchDomain, false, backup, "", 0},
		{"307, trace id only", 307, h("x-cos-trace-id", "t"), "", KindNone, RetrySwitchDomain, false, "", "", 0},
		// A request id: COS itself redirects.
		{"301 with x-cos-request-id", 301, h("x-cos-request-id", id, "Location", backup, "x-cos-bucket-region", "ap-beijing"), "", KindNone, RetryNone, true, backup, "ap-beijing", 0},
		{"307 with x-ci-request-id", 307, h("x-ci-request-id", "ci", "Location", "/k"), "", KindNone, RetryNone, true, "/k", "", 0},
		{"302 with x-img-request-id", 302, h("x-img-request-id", "img"), "", KindNone, RetryNone, true, "", "", 0},
		// 304 is no redirect: never switch domain, though nothing came from COS.
		{"304 without a request id", 304, nil, "", KindNone, RetryNone, false, "", "", 0},
		// Successes: the clock of the Date header, the region.
		{"200 with Date", 200, h("Date", date, "x-cos-request-id", id), "", KindNone, RetryNone, true, "", "", serverSec},
		{"204 with Date, RFC 850", 204, h("date", "Tuesday, 09-Apr-19 03:39:20 GMT"), "", KindNone, RetryNone, false, "", "", serverSec},
		{"200 with a Date of the wrong weekday", 200, h("Date", "Wed, 09 Apr 2019 03:39:20 GMT"), "", KindNone, RetryNone, false, "", "", 0},
		{"200, a listing, region", 200, h("x-cos-request-id", id, "X-Cos-Bucket-Region", "ap-guangzhou"), "<ListBucketResult><Name>b</Name></ListBucketResult>", KindNone, RetryNone, true, "", "ap-guangzhou", 0},
		// Whole values: a NUL byte, not UTF-8, an empty line first.
		{"302, Location with NUL, not UTF-8", 302, h("Location", "/caf\xe9\x00x"), "", KindNone, RetrySwitchDomain, false, "/caf\uFFFD\x00x", "", 0},
		{"302, empty Location line first", 302, h("Location", "", "Location", "/second"), "", KindNone, RetrySwitchDomain, false, "/second", "", 0},
		// Errors: the same decisions as the error's.
		{"503 with x-cos-request-id", 503, h("x-cos-request-id", id, "Date", date), serviceUnavailable, KindService, RetryTransient, true, "", "", serverSec},
		{"503 without any request id", 503, nil, serviceUnavailable, KindService, RetrySwitchDomain, false, "", "", 0},
		{"302 error document without request id", 302, h("Location", backup), "<Error><Code>Found</Code></Error>", KindService, RetrySwitchDomain, false, backup, "", 0},
		{"429", 429, h("x-cos-request-id", id), "", KindService, RetryThrottle, true, "", "", 0},
		{"502 HTML without request id", 502, nil, "<html>502 Bad Gateway</html>", KindClient, RetrySwitchDomain, false, "", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := decideBoth(t, c.status, c.header, c.body)
			expectEq(t, "StatusCode", d.StatusCode, c.status)
			expectEq(t, "Retry", d.Retry, c.retry)
			expectEq(t, "Retryable", d.Retryable(), c.retry == RetryTransient || c.retry == RetryThrottle)
			expectEq(t, "FromCOS", d.FromCOS(), c.fromCOS)
			expectEq(t, "FlagNotFromCOS", d.Flags.Has(FlagNotFromCOS), !c.fromCOS)
			expectEq(t, "Location", d.Location, c.location)
			expectEq(t, "Region", d.Region, c.region)
			now := time.Unix(serverSec+30, 0)
			skew, known := d.ClockSkew(now)
			expectEq(t, "clock known", known, c.clockSec != 0)
			expectEq(t, "FlagServerClock", d.Flags.Has(FlagServerClock), c.clockSec != 0)
			if c.clockSec != 0 {
				expectEq(t, "ServerClock", d.ServerClock, time.Unix(c.clockSec, 0).UTC())
				expectEq(t, "ClockSkew", skew, time.Duration(c.clockSec-serverSec-30)*time.Second)
			} else {
				expectEq(t, "ServerClock", d.ServerClock, time.Time{})
			}
			switch e := d.Err.(type) {
			case nil:
				expectEq(t, "error kind", KindNone, c.err)
			case *ServiceError:
				expectEq(t, "error kind", KindService, c.err)
				expectEq(t, "the error's Retry", e.Retry, d.Retry)
				expectEq(t, "the error's Retryable", e.Retryable, d.Retryable())
				expectEq(t, "the error's Decision", e.Decision(), d)
			case *ClientError:
				expectEq(t, "error kind", KindClient, c.err)
				expectEq(t, "the error's Retry", e.Retry, d.Retry)
				expectEq(t, "the error's Decision", e.Decision(), d)
			}
		})
	}
}

// A body judged alone (a nil response) is decided as ParseBody judges it:
// no status, no headers, never "not from COS".
func TestDecideBody(t *testing.T) {
	for _, c := range []struct {
		body  string
		err   bool
		retry Retry
	}{
		{"", false, RetryNone},
		{"<ListBucketResult/>", false, RetryNone},
		{"<Error><Code>NoSuchKey</Code></Error>", true, RetryNone},
		{"<Error><Code>InternalError</Code></Error>", true, RetryTransient},
		{"<Error><Code>SlowDown</Code></Error>", true, RetryThrottle},
		{"<Error><Code>RequestTimeTooSkewed</Code><ServerTime>2019-04-09T03:39:20Z</ServerTime></Error>", true, RetryClockSkew},
	} {
		d := Decide(nil, []byte(c.body))
		expectEq(t, c.body+" Err", d.Err != nil, c.err)
		if err := ParseBody([]byte(c.body)); !reflect.DeepEqual(d.Err, err) {
			t.Errorf("%s: Err %#v, ParseBody %#v", c.body, d.Err, err)
		}
		expectEq(t, c.body+" StatusCode", d.StatusCode, 0)
		expectEq(t, c.body+" Retry", d.Retry, c.retry)
		expectEq(t, c.body+" FromCOS", d.FromCOS(), true)
	}
	d := Decide(nil, []byte("<Error><Code>RequestTimeTooSkewed</Code><ServerTime>2019-04-09T03:39:20Z</ServerTime></Error>"))
	expectEq(t, "ServerClock", d.ServerClock, time.Unix(1554781160, 0).UTC())
}

// Decide and Parse agree on every shared field, for every shared body,
// under several statuses and header sets; DecideRaw and ParseRaw too. For
// an answer that is no error, the decisions are those the rules give for
// the headers sent.
func TestDecideAgreesWithParse(t *testing.T) {
	const date = "Tue, 09 Apr 2019 03:39:20 GMT" // 1554781160 s
	redirect := map[string]string{"Date": date, "Location": "https://b.cos.ap-beijing.myqcloud.com/k", "X-Cos-Bucket-Region": "ap-beijing"}
	fromCOS := map[string]string{}
	for k, v := range cosHeaders {
		fromCOS[k] = v
	}
	for k, v := range redirect {
		fromCOS[k] = v
	}
	headerSets := []struct {
		name   string
		header map[string]string
		hasID  bool
	}{
		{"no headers", nil, false},
		{"Date, Location, region, no request id", redirect, false},
		{"request id, Date, Location, region", fromCOS, true},
	}
	statuses := []int{200, 204, 301, 302, 304, 307, 400, 403, 404, 429, 500, 502, 503}
	now := time.Unix(1554781160+45, 0)
	errorsSeen, nonErrorsSeen := 0, 0
	for _, path := range sampleFiles(t) {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		for _, hs := range headerSets {
			for _, status := range statuses {
				resp := response(status, "GET", hs.header)
				what := name + ", " + hs.name + ", " + http.StatusText(status)
				checkDecideAgainstParse(t, what, Decide(resp, body), Parse(resp, body), now)
				checkDecideAgainstParse(t, what+" (raw)", DecideRaw(status, "GET", testURL, resp.Header, body), ParseRaw(status, "GET", testURL, resp.Header, body), now)
				d := Decide(resp, body)
				if d.Err != nil {
					errorsSeen++
					continue
				}
				nonErrorsSeen++
				// No error: no code, so only the first rule can fire. A
				// request id in the body counts, error document or not
				// (a JSON error document at a 3xx is none).
				hasID := hs.hasID || referenceFieldValue(body, FieldRequestID) != ""
				want := RetryNone
				if !hasID && (status >= 300 && status <= 399 && status != 304 || status >= 500) {
					want = RetrySwitchDomain
				}
				expectEq(t, what+" Retry", d.Retry, want)
				expectEq(t, what+" StatusCode", d.StatusCode, status)
				expectEq(t, what+" FromCOS", d.FromCOS(), hasID)
				expectEq(t, what+" Location", d.Location, hs.header["Location"])
				expectEq(t, what+" Region", d.Region, hs.header["X-Cos-Bucket-Region"])
				_, known := d.ClockSkew(now)
				expectEq(t, what+" clock known", known, hs.header["Date"] != "")
			}
		}
	}
	// Both kinds must have been compared (the samples are mostly errors;
	// a 2xx or 3xx with a body that is no <Error> document is none).
	if errorsSeen == 0 || nonErrorsSeen == 0 {
		t.Errorf("%d errors, %d non-errors compared", errorsSeen, nonErrorsSeen)
	}
}

// checkDecideAgainstParse: Err is what Parse returned, and when it is an
// error the Decision's fields equal the error's, one by one.
func checkDecideAgainstParse(t *testing.T, what string, d Decision, err error, now time.Time) {
	t.Helper()
	if !reflect.DeepEqual(d.Err, err) {
		t.Errorf("%s: Err %#v, Parse %#v", what, d.Err, err)
		return
	}
	e := details(err)
	if e == nil {
		return
	}
	expectEq(t, what+" StatusCode", d.StatusCode, e.StatusCode)
	expectEq(t, what+" Retry", d.Retry, e.Retry)
	expectEq(t, what+" Retryable", d.Retryable(), e.Retryable)
	expectEq(t, what+" ServerClock", d.ServerClock, e.ServerClock)
	expectEq(t, what+" Location", d.Location, e.Location)
	expectEq(t, what+" Region", d.Region, e.Region)
	expectEq(t, what+" Flags", d.Flags, e.Flags)
	expectEq(t, what+" FromCOS", d.FromCOS(), e.FromCOS())
	dSkew, dKnown := d.ClockSkew(now)
	eSkew, eKnown := e.ClockSkew(now)
	expectEq(t, what+" ClockSkew", dSkew, eSkew)
	expectEq(t, what+" clock known", dKnown, eKnown)
}

// Through net/http, as an SDK meets them: a hijacked domain's redirect
// without any request id, COS's own redirect, a 304, a 200 with its Date.
func TestDecideOverHTTP(t *testing.T) {
	const backup = "https://examplebucket-1250000000.cos.accelerate.myqcloud.com/k"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/hijacked":
			w.Header()["Date"] = nil // net/http sends none then
			w.Header().Set("Location", "http://portal.example/login?from="+strings.Repeat("x", 2000))
			w.WriteHeader(http.StatusFound)
		case "/moved":
			w.Header().Set("Location", backup)
			w.Header().Set("X-Cos-Bucket-Region", "ap-beijing")
			w.Header().Set("x-cos-request-id", "req-301")
			w.WriteHeader(http.StatusMovedPermanently)
		case "/unchanged":
			w.WriteHeader(http.StatusNotModified)
		case "/ok":
			w.Header().Set("Date", "Tue, 09 Apr 2019 03:39:20 GMT")
			w.Header().Set("x-cos-request-id", "req-200")
			_, _ = w.Write([]byte("hello"))
		case "/busy":
			w.Header().Set("x-cos-request-id", "req-503")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("<Error><Code>ServiceUnavailable</Code><Message>Please retry.</Message></Error>"))
		}
	}))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(path string) Decision {
		t.Helper()
		resp, b := answer(t, client, srv.URL+path)
		return Decide(resp, b)
	}

	d := get("/hijacked")
	expectEq(t, "hijacked Err", d.Err, nil)
	expectEq(t, "hijacked Retry", d.Retry, RetrySwitchDomain)
	expectEq(t, "hijacked FromCOS", d.FromCOS(), false)
	expectEq(t, "hijacked Location", d.Location, "http://portal.example/login?from="+strings.Repeat("x", 2000))
	if _, ok := d.ClockSkew(time.Now()); ok {
		t.Errorf("hijacked: a clock without a Date header")
	}

	d = get("/moved")
	expectEq(t, "moved Err", d.Err, nil)
	expectEq(t, "moved Retry", d.Retry, RetryNone)
	expectEq(t, "moved FromCOS", d.FromCOS(), true)
	expectEq(t, "moved Location", d.Location, backup)
	expectEq(t, "moved Region", d.Region, "ap-beijing")
	if _, ok := d.ClockSkew(time.Now()); !ok {
		t.Errorf("moved: net/http's Date header gives no clock")
	}

	d = get("/unchanged")
	expectEq(t, "304 Err", d.Err, nil)
	expectEq(t, "304 Retry", d.Retry, RetryNone)
	expectEq(t, "304 FromCOS", d.FromCOS(), false)

	d = get("/ok")
	expectEq(t, "200 Err", d.Err, nil)
	expectEq(t, "200 StatusCode", d.StatusCode, 200)
	expectEq(t, "200 ServerClock", d.ServerClock, time.Date(2019, 4, 9, 3, 39, 20, 0, time.UTC))
	skew, ok := d.ClockSkew(time.Date(2019, 4, 9, 3, 40, 0, 0, time.UTC))
	expectEq(t, "200 ClockSkew", skew, -40*time.Second)
	expectEq(t, "200 clock known", ok, true)

	d = get("/busy")
	var se *ServiceError
	if !errors.As(d.Err, &se) {
		t.Fatalf("busy: %v", d.Err)
	}
	expectEq(t, "503 Retry", d.Retry, RetryTransient)
	expectEq(t, "503 Retryable", d.Retryable(), true)
	expectEq(t, "503 the error's Retry", se.Retry, RetryTransient)
	expectEq(t, "503 IsRetryable", IsRetryable(d.Err), true)
}

// A hand-made Decision: its methods read only its fields.
func TestDecisionMethods(t *testing.T) {
	for r, want := range map[Retry]bool{RetryNone: false, RetryTransient: true, RetryThrottle: true, RetryClockSkew: false, RetrySwitchDomain: false, Retry(9): false} {
		expectEq(t, r.String()+" Retryable", Decision{Retry: r}.Retryable(), want)
	}
	expectEq(t, "FromCOS of the zero Decision", Decision{}.FromCOS(), true)
	expectEq(t, "FromCOS", Decision{Flags: FlagNotFromCOS}.FromCOS(), false)
	if _, ok := (Decision{ServerClock: time.Now()}).ClockSkew(time.Now()); ok {
		t.Errorf("a skew without FlagServerClock")
	}
	skew, ok := Decision{Flags: FlagServerClock, ServerClock: time.UnixMilli(1500)}.ClockSkew(time.UnixMilli(1000))
	expectEq(t, "ClockSkew", skew, 500*time.Millisecond)
	expectEq(t, "clock known", ok, true)
}
