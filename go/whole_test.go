package coserr

import (
	"encoding/json"
	"encoding/xml"
	"math/bits"
	"math/rand"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// The whole value of every text, whatever the C record's arrays hold: NUL
// bytes kept, long values kept. Each expected value is computed here
// without coserr (encoding/xml, encoding/json, the inputs themselves).

func TestWholeNULMessage(t *testing.T) {
	body := []byte(`{"code":"AccessDenied","message":"Access\u0000Denied."}`)
	for name, err := range map[string]error{
		"Parse":     Parse(response(403, "GET", cosHeaders), body),
		"ParseBody": ParseBody(body),
	} {
		e := details(err)
		if e == nil {
			t.Fatalf("%s: %v", name, err)
		}
		expectEq(t, name+" Code", e.Code, "AccessDenied")
		expectEq(t, name+" Message", e.Message, "Access\x00Denied.")
		// The C record reads "Access": its bit says so.
		expectEq(t, name+" Truncated", e.Truncated, FieldMessage)
	}
}

func TestWholeLongMessage(t *testing.T) {
	plain := strings.Repeat("0123456789", 300)
	entities := strings.Repeat("a &amp; b &lt;c&gt; &#233;t&#xE9; ", 200)
	for name, text := range map[string]string{"plain": plain, "entities": entities} {
		body := []byte("<Error><Code>InvalidArgument</Code><Message>" + text + "</Message><RequestId>r</RequestId></Error>")
		var want ErrorResponse
		if err := xml.Unmarshal(body, &want); err != nil {
			t.Fatal(err)
		}
		if len(want.Message) < 3000 {
			t.Fatalf("%s: the test's message is %d bytes", name, len(want.Message))
		}
		for how, err := range map[string]error{
			"Parse":    Parse(response(400, "GET", cosHeaders), body),
			"ParseRaw": ParseRaw(400, "GET", testURL, nil, body),
		} {
			e := details(err)
			expectEq(t, name+" "+how+" Message", e.Message, want.Message)
			expectEq(t, name+" "+how+" Truncated", e.Truncated, FieldMessage)
			expectEq(t, name+" "+how+" RequestID", e.RequestID, "r")
		}
	}
	// JSON escapes: decoded text, longer than the text buffer.
	raw := `{"code":"InvalidArgument","message":"` + strings.Repeat(`x\n\u00e9\"`, 500) + `"}`
	var want struct{ Message string }
	if err := json.Unmarshal([]byte(raw), &want); err != nil {
		t.Fatal(err)
	}
	expectEq(t, "JSON Message", details(ParseRaw(400, "", "", nil, []byte(raw))).Message, want.Message)
	// The shared 4 KB body: a 1,373-byte Message.
	body := sample(t, "bench/large_4KB.xml")
	var large ErrorResponse
	if err := xml.Unmarshal(body, &large); err != nil {
		t.Fatal(err)
	}
	e := details(Parse(response(404, "GET", cosHeaders), body))
	expectEq(t, "large_4KB len(Message)", len(e.Message), 1373)
	expectEq(t, "large_4KB Message", e.Message, large.Message)
	expectEq(t, "large_4KB Resource", e.Resource, large.Resource)
}

func TestWholeExtras(t *testing.T) {
	text := strings.Repeat("h&amp;&#x4E2D;", 400)
	body := []byte("<Error><Code>C</Code><HostId>" + text + "</HostId><X>" + strings.Repeat("y", 5000) + "</X></Error>")
	var want struct {
		HostID string `xml:"HostId"`
		X      string
	}
	if err := xml.Unmarshal(body, &want); err != nil {
		t.Fatal(err)
	}
	e := details(ParseRaw(400, "", "", nil, body))
	expectEq(t, "Extras", e.Extras, []Extra{{"HostId", want.HostID}, {"X", want.X}})
}

func TestWholeHeaderValues(t *testing.T) {
	long := strings.Repeat("id-", 1000)
	h := http.Header{"X-Cos-Request-Id": {long}, "X-Cos-Trace-Id": {"t\x00u"}, "X-Cos-Error-Code": {"E\x00rr"}}
	for how, err := range map[string]error{
		"Parse":    Parse(&http.Response{StatusCode: 503, Header: h}, nil),
		"ParseRaw": ParseRaw(503, "", "", h, nil),
	} {
		e := details(err)
		expectEq(t, how+" RequestID", e.RequestID, long)
		expectEq(t, how+" TraceID", e.TraceID, "t\x00u")
		expectEq(t, how+" Code", e.Code, "E\x00rr")
		expectEq(t, how+" Truncated", e.Truncated, FieldCode|FieldRequestID|FieldTraceID)
	}
	// Not UTF-8: each invalid byte becomes U+FFFD, as the library decodes it.
	e := details(ParseRaw(503, "", "", map[string][]string{"x-ci-request-id": {"\xff" + long}}, nil))
	expectEq(t, "RequestID", e.RequestID, "\uFFFD"+long)
	// A long URL is the Resource, whole.
	u, _ := url.Parse(testURL + "?" + strings.Repeat("p=%E2%82%AC&", 200))
	resp := &http.Response{StatusCode: 404, Header: http.Header{}, Request: &http.Request{Method: "GET", URL: u}}
	e = details(Parse(resp, sample(t, "bench/minimal_140B.xml")))
	expectEq(t, "Resource", e.Resource, u.String())
	expectEq(t, "Truncated", e.Truncated.Has(FieldResource), true)
}

func TestWholeBodyAsMessage(t *testing.T) {
	html := "<html><body>" + strings.Repeat("<p>Bad Gateway</p>", 200) + "<hr></body></html>"
	body := []byte(html)
	e := details(ParseRaw(502, "GET", "", nil, body))
	expectEq(t, "Kind", e.Kind, KindClient)
	copy(body, "xxxxxx") // the error holds its own copy
	expectEq(t, "Message", e.Message, html)
	expectEq(t, "Body", e.Body, html)
	latin1 := "caf\xe9 " + strings.Repeat("x", 2000)
	e = details(ParseRaw(502, "GET", "", nil, []byte(latin1)))
	expectEq(t, "Message", e.Message, "caf\uFFFD "+strings.Repeat("x", 2000))
	// The code from x-cos-error-code, no message in the body: the body's text.
	text := strings.Repeat("index not found; ", 100)
	e = details(ParseRaw(404, "POST", "", map[string][]string{"X-Cos-Error-Code": {"NotFoundException"}}, []byte(text)))
	expectEq(t, "Code", e.Code, "NotFoundException")
	expectEq(t, "Message", e.Message, text)
}

// appendLossy decodes as the library does: a URL that fits the
// record, with invalid bytes, comes back from C decoded (U+FFFD for each
// invalid sequence).
func TestLossyAsTheLibrary(t *testing.T) {
	inputs := []string{
		"", "abc", "caf\xe9", "\xe2\x82", "\xe2\x82x", "\xed\xa0\x80", "\xf0\x90\x80", "\xf4\x90\x80\x80",
		"\xc0\xaf", "\xe0\x80\xaf", "\xf8\x88\x80\x80\x80", "\xef\xbf\xbd", "\xf0\x9f\x98", "\x80\x80", "\xc2", "a\xf1\x80\x80\xe1\x80",
	}
	rng := rand.New(rand.NewSource(14))
	for range 3000 {
		b := make([]byte, rng.Intn(12))
		for i := range b {
			b[i] = byte(rng.Intn(256))
			if rng.Intn(2) == 0 {
				b[i] |= 0x80
			}
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		input := "u" + strings.ReplaceAll(in, "\x00", "") // C cuts a record's text at NUL
		e := details(ParseRaw(404, "GET", input, nil, nil))
		got := string(appendLossy(nil, input))
		if e.Resource != got || !utf8.ValidString(got) {
			t.Fatalf("%q: C %q, appendLossy %q", input, e.Resource, got)
		}
	}
}

// TestWholeCutFieldsShareScratch: several cut body fields, whole values
// read one after another into one scratch buffer (4 KiB): ones that fit,
// one that fits only in what the others left, one that does not fit at
// all, one that is the empty rest. Each against encoding/xml.
func TestWholeCutFieldsShareScratch(t *testing.T) {
	for _, sizes := range [][3]int{{1500, 1500, 1500}, {3000, 1200, 40}, {4095, 100, 2000}, {100, 5000, 1100}, {2047, 2047, 0}} {
		body := []byte("<Error><Code>" + strings.Repeat("c&amp;", sizes[2]/5+13) +
			"</Code><Message>" + strings.Repeat("m&lt;", sizes[0]/2) +
			"</Message><Resource>" + strings.Repeat("r&#233;", sizes[1]/3) +
			"</Resource><RequestId>" + strings.Repeat("i", 1100) + "</RequestId></Error>")
		var want ErrorResponse
		if err := xml.Unmarshal(body, &want); err != nil {
			t.Fatal(err)
		}
		for how, err := range map[string]error{
			"Parse":     Parse(response(404, "GET", cosHeaders), body),
			"ParseRaw":  ParseRaw(404, "GET", testURL, nil, body),
			"ParseBody": ParseBody(body),
		} {
			e := details(err)
			if e == nil {
				t.Fatalf("%v %s: %v", sizes, how, err)
			}
			expectEq(t, how+" Code", e.Code, want.Code)
			expectEq(t, how+" Message", e.Message, want.Message)
			expectEq(t, how+" Resource", e.Resource, want.Resource)
			expectEq(t, how+" RequestID", e.RequestID, want.RequestID)
			if bits.OnesCount32(uint32(e.Truncated)) < 3 {
				t.Errorf("%v %s: Truncated %v, the test wants three fields or more cut", sizes, how, e.Truncated)
			}
		}
	}
}
