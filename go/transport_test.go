package coserr

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// roundTripper answers every request with a fresh copy of resp and body.
type roundTripper struct {
	status int
	header http.Header
	body   io.Reader
}

func (r roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: r.status, Header: r.header, Body: io.NopCloser(r.body), Request: req}, nil
}

// brokenReader gives its bytes, then err.
type brokenReader struct {
	data []byte
	err  error
}

func (b *brokenReader) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		return 0, b.err
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

func roundTrip(t *testing.T, method string, rt roundTripper) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, "http://b-1250000000.cos.ap-guangzhou.myqcloud.com/k", nil)
	resp, err := Transport(rt).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestTransportKeepsBytesAndReadError(t *testing.T) {
	body := "<Error><Code>InternalError</Code><Message>a\x00b</Message><RequestId>r"
	broken := errors.New("connection reset")
	resp := roundTrip(t, "GET", roundTripper{500, http.Header{"X-Cos-Request-Id": {"h"}}, &brokenReader{[]byte(body), broken}})
	got, err := io.ReadAll(resp.Body)
	if string(got) != body || err != broken {
		t.Fatalf("body %q, %v; want the same bytes, then %v", got, err, broken)
	}
	// What came is judged: a body that broke off keeps its completed fields.
	d, ok := DecisionOf(resp)
	e := details(d.Err)
	if !ok || e == nil || e.Code != "InternalError" || !e.Flags.Has(FlagPartial) || e.Body != body {
		t.Fatalf("DecisionOf = %+v, %v", d, ok)
	}
}

func TestTransportStreamsLargeSuccess(t *testing.T) {
	// A 2xx XML answer to a PUT over 1 MiB is not judged and comes whole.
	big := bytes.Repeat([]byte("x"), maxSuccessBody+10)
	resp := roundTrip(t, "PUT", roundTripper{200, http.Header{"Content-Type": {"application/xml"}}, bytes.NewReader(big)})
	got, err := io.ReadAll(resp.Body)
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("got %d bytes, %v; want %d", len(got), err, len(big))
	}
	if _, ok := DecisionOf(resp); ok {
		t.Error("a body over the limit was judged")
	}
}

func TestTransportLeavesOtherSuccessesAlone(t *testing.T) {
	for _, c := range []struct{ method, ctype string }{{"GET", "application/xml"}, {"POST", "application/octet-stream"}, {"PUT", ""}} {
		body := strings.NewReader("<Error><Code>NoSuchKey</Code></Error>")
		resp := roundTrip(t, c.method, roundTripper{200, http.Header{"Content-Type": {c.ctype}}, body})
		if _, ours := resp.Body.(*answerBody); ours || body.Len() == 0 {
			t.Errorf("%s %q: the body was read", c.method, c.ctype)
		}
	}
}

func TestFromSDKText(t *testing.T) {
	// The text cos-go-sdk-v5 makes; every byte value comes back.
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	if got, ok := bodyInText(fmt.Sprintf("response 200 OK, but body contains an error, %v", all)); !ok || !bytes.Equal(got, all) {
		t.Fatalf("bodyInText: %v %v", got, ok)
	}
	body := []byte("<Error><Code>InternalError</Code><Message>\u00e9</Message><RequestId>r9</RequestId></Error>")
	sdkErr := fmt.Errorf("response 200 OK, but body contains an error, %v", body)
	for _, err := range []error{sdkErr, fmt.Errorf("upload: %w", sdkErr), errors.Join(errors.New("x"), sdkErr)} {
		e := details(FromSDK(err))
		if e == nil || e.StatusCode != 200 || e.Code != "InternalError" || e.RequestID != "r9" || e.Body != string(body) {
			t.Errorf("FromSDK(%.40q) = %+v", err.Error(), e)
		}
	}
	for _, text := range []string{"response 200 OK, but body contains an error, [60 256]", "response 200 OK, but body contains an error, [60  69]", "other [60]"} {
		if got := FromSDK(errors.New(text)); got != nil {
			t.Errorf("FromSDK(%q) = %v, want nil", text, got)
		}
	}
}

// sdkLikeError has the shape of cos-go-sdk-v5's *cos.ErrorResponse.
type sdkLikeError struct {
	Response *http.Response
	Code     string
}

func (e *sdkLikeError) Error() string { return e.Code }

func TestFromSDKResponseField(t *testing.T) {
	resp := roundTrip(t, "GET", roundTripper{404, http.Header{"X-Cos-Request-Id": {"h"}}, strings.NewReader("<Error><Code>NoSuchKey</Code></Error>")})
	io.ReadAll(resp.Body)
	wrapped := fmt.Errorf("get: %w", &sdkLikeError{Response: resp})
	if e := details(FromSDK(wrapped)); e == nil || e.Code != "NoSuchKey" || e.RequestID != "h" {
		t.Errorf("FromSDK = %+v", e)
	}
	// The same error over a response that did not come through the Transport.
	plain := &http.Response{StatusCode: 404, Body: http.NoBody}
	if got := FromSDK(&sdkLikeError{Response: plain}); got != nil {
		t.Errorf("FromSDK without the Transport = %v, want nil", got)
	}
	if FromSDK(nil) != nil || FromSDK(&sdkLikeError{}) != nil || FromSDK(errors.New("dial tcp: refused")) != nil {
		t.Error("FromSDK of no answer != nil")
	}
}
