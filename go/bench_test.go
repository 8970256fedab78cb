package coserr

import (
	"encoding/xml"
	"strings"
	"testing"
)

// The six bodies every coserr benchmark uses (shared/cos/bench), so the
// figures compare with the Rust and C benches (docs/benchmarks.md): plain
// ones, entity references, CDATA, a comment, attributes, a namespace,
// non-ASCII text.
var benchBodies = []string{"typical_482B", "minimal_140B", "large_4KB", "signature_1KB", "chinese_370B", "cdata_attrs_2KB"}

// BenchmarkParse: the whole path an SDK takes, from an *http.Response (404,
// GET, four headers) and the body read from it.
func BenchmarkParse(b *testing.B) {
	resp := response(404, "GET", cosHeaders)
	benchEachBody(b, func(body []byte) bool { return Parse(resp, body) != nil })
}

// BenchmarkDecide: Parse's path with the decisions beside the error.
func BenchmarkDecide(b *testing.B) {
	resp := response(404, "GET", cosHeaders)
	benchEachBody(b, func(body []byte) bool { return Decide(resp, body).Err != nil })
}

// redirect302 is a redirect that did not come from COS (no request id; a
// Location; no body), the answer Decide exists for.
var redirect302 = map[string]string{"Location": "https://examplebucket-1250000000.cos.accelerate.myqcloud.com/dir/key.txt", "Content-Length": "0"}

// BenchmarkRedirect: Parse and Decide on a 302 without request id, which
// is no error (Parse: nil; Decide: RetrySwitchDomain and the Location).
func BenchmarkRedirect(b *testing.B) {
	resp := response(302, "GET", redirect302)
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if Parse(resp, nil) != nil {
				b.Fatal("an error")
			}
		}
	})
	b.Run("Decide", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if Decide(resp, nil).Retry != RetrySwitchDomain {
				b.Fatal("not switch_domain")
			}
		}
	})
}

// BenchmarkParseRaw: the same without net/http types or headers.
func BenchmarkParseRaw(b *testing.B) {
	benchEachBody(b, func(body []byte) bool { return ParseRaw(404, "GET", testURL, nil, body) != nil })
}

// BenchmarkEncodingXML: what cos-go-sdk-v5's checkResponse does with the body,
// xml.Unmarshal into its ErrorResponse.
func BenchmarkEncodingXML(b *testing.B) {
	benchEachBody(b, func(body []byte) bool {
		var e ErrorResponse
		return xml.Unmarshal(body, &e) == nil && e.Code != ""
	})
}

// benchEachBody runs parse on each of benchBodies, as a sub-benchmark
// named after it; parse says whether it found the error (every bench body
// is one).
func benchEachBody(b *testing.B, parse func(body []byte) bool) {
	for _, name := range benchBodies {
		body := sample(b, "bench/"+name+".xml")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if !parse(body) {
					b.Fatal("no error found")
				}
			}
		})
	}
}

// TestAllocations holds Parse to its budget: at most 2 allocations (the
// error struct, with up to 16 extras, and the copy of the body, which its
// strings share) for a response whose body has a Resource.
func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	for _, name := range benchBodies {
		body := sample(t, "bench/"+name+".xml")
		resp := response(404, "GET", cosHeaders)
		want := 2.0
		if !strings.Contains(string(body), "<Resource>") {
			want = 3 // no Resource: the request URL is turned into a string
		}
		if n := testing.AllocsPerRun(100, func() { _ = Parse(resp, body) }); n > want {
			t.Errorf("Parse(%s): %v allocations, want <= %v", name, n, want)
		}
		if n := testing.AllocsPerRun(100, func() { _ = ParseRaw(404, "GET", testURL, resp.Header, body) }); n > 2 {
			t.Errorf("ParseRaw(%s): %v allocations, want <= 2", name, n)
		}
	}
	// The decisions' headers add none: the clock is a number, Location and
	// Region share the header strings.
	decided := map[string]string{"Date": "Tue, 09 Apr 2019 03:39:20 GMT", "Location": "https://b.cos.ap-beijing.myqcloud.com/k", "X-Cos-Bucket-Region": "ap-beijing"}
	for k, v := range cosHeaders {
		decided[k] = v
	}
	body := sample(t, "bench/typical_482B.xml")
	resp := response(404, "GET", decided)
	if n := testing.AllocsPerRun(100, func() { _ = Parse(resp, body) }); n > 2 {
		t.Errorf("Parse(typical, Date, Location, region): %v allocations, want <= 2", n)
	}
	resp = response(200, "GET", cosHeaders)
	if n := testing.AllocsPerRun(100, func() { _ = Parse(resp, nil) }); n != 0 {
		t.Errorf("Parse(200, no error): %v allocations, want 0", n)
	}
}

// TestDecideAllocations holds Decide to Parse's budget: the Decision is a
// value and shares the error's strings or the header strings, so Decide
// allocates what Parse does: nothing for a redirect that is no error (its
// Location shared, however long), the error's two allocations otherwise.
func TestDecideAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	long := map[string]string{"Location": "https://examplebucket-1250000000.cos.accelerate.myqcloud.com/" + strings.Repeat("d/", 800)}
	withID := map[string]string{"X-Cos-Request-Id": "r", "Location": redirect302["Location"], "X-Cos-Bucket-Region": "ap-beijing", "Date": "Tue, 09 Apr 2019 03:39:20 GMT"}
	typical := sample(t, "bench/typical_482B.xml")
	for _, c := range []struct {
		name   string
		status int
		header map[string]string
		body   []byte
		want   float64
	}{
		{"302 without request id", 302, redirect302, nil, 0},
		{"302, Location over 1023 bytes", 302, long, nil, 0},
		{"301 with request id, region, Date", 301, withID, nil, 0},
		{"200 with Date", 200, map[string]string{"Date": "Tue, 09 Apr 2019 03:39:20 GMT"}, []byte("hello"), 0},
		{"301 error document", 301, withID, []byte("<Error><Code>PermanentRedirect</Code><Message>Use the other endpoint.</Message><Resource>/k</Resource></Error>"), 2},
		{"404 typical", 404, cosHeaders, typical, 2},
	} {
		resp := response(c.status, "GET", c.header)
		parse := testing.AllocsPerRun(100, func() { _ = Parse(resp, c.body) })
		decide := testing.AllocsPerRun(100, func() { _ = Decide(resp, c.body) })
		if parse != c.want || decide > parse {
			t.Errorf("%s: Parse %v allocations, Decide %v; want Parse %v, Decide no more", c.name, parse, decide, c.want)
		}
	}
}

// BenchmarkParseParts times, each on its own, the parts of Parse on the
// typical body, in the same run as BenchmarkEncodingXML: what the 20×
// goal has to fit in (go/README, "Benchmarks").
//
//   - cgo_call: a cgo call that does no work (coserr_abi_version).
//   - c_parse: the C call Parse makes (the response as Parse passes it,
//     the spans filled), without building the Go error.
//   - allocations: the two allocations Parse makes for this body (the
//     error and the copy of the body), without parsing.
//   - floor: what Parse does besides the C library's work: the header
//     look-ups, an empty cgo call and the two allocations. Any binding
//     that returns this error through cgo pays about this much, however
//     fast its parser.
func BenchmarkParseParts(b *testing.B) {
	body := sample(b, "bench/typical_482B.xml")
	resp := response(404, "GET", cosHeaders)
	b.Run("cgo_call", func(b *testing.B) {
		for b.Loop() {
			if ABIVersion() == 0 {
				b.Fatal("no ABI version")
			}
		}
	})
	b.Run("c_parse", func(b *testing.B) {
		var r request
		r.of(resp, body)
		for b.Loop() {
			var out cSpans
			if rc := r.call(&out, nil); rc != resultOK {
				b.Fatal(ResultName(rc))
			}
		}
	})
	b.Run("allocations", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e := new(ServiceError)
			e.Body = string(body)
			keptError = e
		}
	})
	b.Run("floor", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var r request
			r.of(resp, body)
			if ABIVersion() == 0 {
				b.Fatal("no ABI version")
			}
			e := new(ServiceError)
			e.Body = string(r.body)
			e.RequestID, e.TraceID = r.hv[1], r.hv[4]
			keptError = e
		}
	})
}

// keptError keeps the benchmark's allocations from being optimised away.
var keptError *ServiceError
