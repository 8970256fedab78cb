package coserr

import (
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// FuzzParse holds ParseRaw and Parse to the plain C record: for any status,
// method, URL, header lines ("Name:value", one per line) and body, the
// error each returns must be the one referenceError reads from
// coserr_parse_response given the same response in C memory, field for
// field, extras included, with the whole value of every field the record
// cut. That covers what the Go side does on its own: the known-header
// filter and the choice among spellings, the spans and their sources, the
// text buffer retry, the lazy URL, the shared body copy, the whole values,
// and the decisions (retry class, the service's clock, Location, Region,
// not from COS). ParseBody is held to coserr_parse_body the same way.
// Decide, DecideRaw and Decide with a nil response are held to the same
// records: Err as the matching Parse call, the other fields to the
// record's decisions, for errors and non-errors alike.
//
// `go test -tags coserr_dev` runs the seeds (every shared body, and the
// paths below); `go test -tags coserr_dev -run '^$' -fuzz FuzzParse`
// searches further (go/README, "Tests").
func FuzzParse(f *testing.F) {
	const cos = "X-Cos-Request-Id:NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==\nX-Cos-Trace-Id:OGVmYzZiMmQzYjA2OWNh\nContent-Type:application/xml"
	for _, path := range sampleFiles(f) {
		body, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(404, "GET", testURL, cos, body)
		f.Add(200, "PUT", "", "", body)
	}
	long := strings.Repeat("x", 3000)
	for _, c := range []struct {
		status       int
		method, url  string
		header, body string
	}{
		{404, "HEAD", testURL, cos, ""},                                           // the HEAD 404 texts: the text buffer
		{404, "GET", testURL + "?" + strings.Repeat("p=%E2%82%AC&", 200), "", ""}, // a URL over Resource's capacity
		{404, "GET", "https://b/caf\xe9", "", "<Error><Code>C</Code></Error>"},    // a URL that is not UTF-8
		{400, "GET", testURL, "", "<Error><Resource>\x00r</Resource></Error>"},    // a NUL first in Resource
		{400, "GET", testURL, "", "<Error><Resource></Resource><Code>C</Code></Error>"},
		{400, "GET", testURL, "", "<Error><Message>a &amp; b</Message>" + "<X>" + long + "</X></Error>"}, // over 1 KiB: the buffer at once
		{400, "GET", testURL, "", "<Error><Message>" + strings.Repeat("m&lt;", 2500) + "</Message></Error>"},
		{503, "PUT", "", "x-cos-request-id:lower\nX-COS-REQUEST-ID:upper\nX-Cos-Request-Id:canonical\nx-cos-error-code:SlowDown", "{}"},
		{403, "GET", "", "X-Cos-Request-Id:\nX-Ci-Request-Id:ci\nX-Img-Request-Id:img\nX-Cos-Trace-Id:t\x00u", ""},
		{500, "", "", "X-Cos-Request-Id:" + long, "<Error><RequestId>" + long + "</RequestId></Error>"},
		{404, "GET", testURL, cos, "<Error><Code>C</Code><A>1</A><B>2</B><C>3</C><D>4</D><E>" + long + "</E></Error>"},
		{404, "GET", "", "", "<Error><V>" + strings.Repeat("v", 1023) + "</V><W>" + strings.Repeat("w", 1024) + "</W><" + strings.Repeat("n", 256) + "/></Error>"}, // extras at the C arrays' sizes
		{0, "", "", "", "<html>502 Bad Gateway</html>"},
		{403, "GET", testURL, "", `{"code":"AccessDenied","message":"Access\u0000Denied."}`},                            // a NUL in a decoded text
		{404, "POST", "", "X-Cos-Error-Code:E\nX-Cos-Request-Id:caf\xe9" + long, "not found " + long},                   // the body as message, a header not UTF-8
		{502, "GET", testURL, "X-Cos-Trace-Id:" + long, "<p>caf\xe9</p>" + long},                                        // a client message not UTF-8
		{400, "GET", testURL, "", "<Error><Code>" + long + "</Code><ServerTime>&amp;" + long + "</ServerTime></Error>"}, // cut body fields
		{-1, "GET", "", "", "<Error><Code>C</Code><Message>broken"},
		// The decisions: the clock from ServerTime or Date, Location and
		// Region (long, NUL, not UTF-8, empty first entry), no request id.
		{502, "GET", testURL, "Date:Tue, 09 Apr 2019 03:39:20 GMT\nLocation:https://b/" + long + "\nX-Cos-Bucket-Region:ap-" + long, "<html>bad gateway</html>"},
		{301, "GET", "", "location:/a\x00b\nx-cos-bucket-region:ap-\xffx\nDATE:Tuesday, 09-Apr-19 03:39:20 GMT", "<Error><Code>PermanentRedirect</Code></Error>"},
		{403, "PUT", "", "Date:Tue Apr  9 03:39:20 2019\nLocation:\nLocation:/second", "<Error><Code>RequestTimeTooSkewed</Code><ServerTime>2019-04-09T11:39:20.5+08:00</ServerTime></Error>"},
		{403, "PUT", "", cos + "\nDate:Wed, 09 Apr 2019 03:39:20 GMT", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"},
		{429, "GET", "", "", ""},
		{302, "GET", "", "Location:\nlocation:/" + long + "\nX-Cos-Request-Id:\nx-cos-request-id:" + long, ""}, // cut values after empty entries
		// Answers that are no error, with decisions all the same (Decide).
		{302, "GET", testURL, "Location:https://backup/caf\xe9" + long + "\nX-Cos-Bucket-Region:ap-\x00" + long, "<html>moved</html>"},
		{301, "GET", testURL, cos + "\nLocation:/k\nX-Cos-Bucket-Region:ap-beijing", ""},
		{307, "GET", "", "Location:/caf\xe9\nX-Cos-Bucket-Region:ap-\xff", ""}, // short, not UTF-8: decoded into the text buffer
		{304, "GET", "", "Date:Tue, 09 Apr 2019 03:39:20 GMT", ""},
		{200, "GET", "", "Date:Tuesday, 09-Apr-19 03:39:20 GMT\nX-Ci-Request-Id:ci", "<ListBucketResult/>"},
	} {
		f.Add(c.status, c.method, c.url, c.header, []byte(c.body))
	}
	f.Fuzz(func(t *testing.T, status int, method, rawURL, headerLines string, body []byte) {
		var lines [][2]string
		for _, line := range strings.Split(headerLines, "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok {
				lines = append(lines, [2]string{name, value})
			}
		}

		// ParseRaw: a map, as given.
		m := map[string][]string{}
		for _, kv := range lines {
			m[kv[0]] = append(m[kv[0]], kv[1])
		}
		want, prefixOnly, rc := referenceError(status, method, rawURL, inPreferredOrder(m), body)
		checkAgainstReference(t, "ParseRaw", ParseRaw(status, method, rawURL, m, body), want, prefixOnly, rc)
		d := DecideRaw(status, method, rawURL, m, body)
		checkAgainstReference(t, "DecideRaw's Err", d.Err, want, prefixOnly, rc)
		wantD, dPrefixOnly, _ := referenceDecision(status, method, rawURL, inPreferredOrder(m), body)
		checkDecision(t, "DecideRaw", d, wantD, dPrefixOnly)

		// Parse: the header as net/http builds it (names canonical), the
		// URL as the request holds it.
		h := http.Header{}
		var canonical [][2]string
		for _, kv := range lines {
			h.Add(kv[0], kv[1])
			canonical = append(canonical, [2]string{http.CanonicalHeaderKey(kv[0]), kv[1]})
		}
		req := &http.Request{Method: method}
		refURL := ""
		if u, err := url.Parse(rawURL); err == nil {
			req.URL, refURL = u, u.String()
		}
		want, prefixOnly, rc = referenceError(status, method, refURL, canonical, body)
		resp := &http.Response{StatusCode: status, Header: h, Request: req}
		checkAgainstReference(t, "Parse", Parse(resp, body), want, prefixOnly, rc)
		d = Decide(resp, body)
		checkAgainstReference(t, "Decide's Err", d.Err, want, prefixOnly, rc)
		wantD, dPrefixOnly, _ = referenceDecision(status, method, refURL, canonical, body)
		checkDecision(t, "Decide", d, wantD, dPrefixOnly)

		// ParseBody: coserr_parse_body (no NOT_FROM_COS).
		want, prefixOnly, rc = referenceBodyError(body)
		checkAgainstReference(t, "ParseBody", ParseBody(body), want, prefixOnly, rc)
		d = Decide(nil, body)
		checkAgainstReference(t, "Decide(nil)'s Err", d.Err, want, prefixOnly, rc)
		wantD, _ = referenceBodyDecision(body)
		wantD.Flags &^= FlagNotFromCOS // coserr_parse_body never sets it
		checkDecision(t, "Decide(nil)", d, wantD, 0)
	})
}

// checkDecision compares a Decision with the reference's (whose Err is
// nil): every field equal, but for the fields in prefixOnly (Location,
// Region), which must start with the reference's cut value and be longer.
// An error's Decision is the one Decide returned.
func checkDecision(t *testing.T, what string, got, want Decision, prefixOnly Fields) {
	t.Helper()
	if got.Err != nil {
		if e := details(got.Err); e == nil || !reflect.DeepEqual(e.decision(got.Err), got) {
			t.Errorf("%s: the Decision differs from its Err's", what)
		}
	}
	g := got
	g.Err = nil
	for _, f := range []struct {
		field     Fields
		got, want *string
	}{{FieldLocation, &g.Location, &want.Location}, {FieldRegion, &g.Region, &want.Region}} {
		if prefixOnly&f.field == 0 {
			continue
		}
		if !strings.HasPrefix(*f.got, *f.want) || len(*f.got) <= len(*f.want) {
			t.Errorf("%s: %v %q is not longer than the record's cut %q, and its continuation", what, f.field, *f.got, *f.want)
		}
		*f.want = *f.got
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, want)
	}
}

// inPreferredOrder lists the entries of m for C, which takes the first
// entry of a header name in any case, so that the spelling ParseRaw
// documents as the winner comes first: the canonical spelling, then the
// others in sorted order; each key's values in their order.
func inPreferredOrder(m map[string][]string) [][2]string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ci, cj := http.CanonicalHeaderKey(keys[i]) == keys[i], http.CanonicalHeaderKey(keys[j]) == keys[j]
		if ci != cj {
			return ci
		}
		return keys[i] < keys[j]
	})
	var list [][2]string
	for _, k := range keys {
		for _, v := range m[k] {
			list = append(list, [2]string{k, v})
		}
	}
	return list
}

// checkAgainstReference compares an error from Parse or ParseRaw with the
// reference's: nil for not an error; else the same type (Kind) and every
// field equal, but for the fields in prefixOnly, which must start with the
// reference's cut value and be longer.
func checkAgainstReference(t *testing.T, what string, err error, want *ServiceError, prefixOnly Fields, rc uint32) {
	t.Helper()
	if want == nil {
		if rc != resultNotAnError {
			t.Fatalf("%s: coserr_parse_response returned %s", what, ResultName(rc))
		}
		if err != nil {
			t.Fatalf("%s: %v, want nil (not an error)", what, err)
		}
		return
	}
	got := details(err)
	if got == nil {
		t.Fatalf("%s: %v (%T), want %+v", what, err, err, want)
	}
	if _, isClient := err.(*ClientError); isClient != (want.Kind == KindClient) {
		t.Errorf("%s: a %T for kind %v", what, err, want.Kind)
	}
	g, w := *got, *want
	gs, ws := g.texts(), w.texts()
	for i := range gs {
		if prefixOnly&(1<<i) == 0 {
			continue
		}
		if !strings.HasPrefix(*gs[i], *ws[i]) || len(*gs[i]) <= len(*ws[i]) {
			t.Errorf("%s: %s %q is not longer than the record's cut %q, and its continuation", what, fieldNames[i], *gs[i], *ws[i])
		}
		*ws[i] = *gs[i]
	}
	if len(g.Extras) == 0 && len(w.Extras) == 0 {
		g.Extras, w.Extras = nil, nil
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}
