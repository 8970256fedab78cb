package coserr_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	coserr "github.com/coserr/coserr/go"
)

// A COS client checks every response with coserr.Parse.
func Example() {
	// A stand-in for COS answering a GET of a missing key.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Cos-Request-Id", "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The specified key does not exist.</Message>
  <Resource>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/missing.txt</Resource>
  <TraceId>OGVmYzZiMmQzYjA2OWNh</TraceId>
</Error>`)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/missing.txt")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	err = coserr.Parse(resp, body)

	var se *coserr.ServiceError
	if errors.As(err, &se) {
		fmt.Println(se.StatusCode, se.Code, se.Category)
		fmt.Println("request id:", se.RequestID, "from header:", se.FromHeader.Has(coserr.FieldRequestID))
	}
	fmt.Println("not found:", coserr.IsNotFound(err), "retry:", coserr.IsRetryable(err))
	fmt.Println(err)
	// Output:
	// 404 NoSuchKey not-found
	// request id: NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng== from header: true
	// not found: true retry: false
	// CosServiceError status=404 code="NoSuchKey" message="The specified key does not exist." request_id="NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==" trace_id="OGVmYzZiMmQzYjA2OWNh" resource="examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/missing.txt"
}

// A gateway's HTML page is a *ClientError that keeps the status, the ids
// from the headers and the body.
func ExampleParseRaw() {
	header := http.Header{"X-Cos-Request-Id": {"req-1"}}
	err := coserr.ParseRaw(502, "PUT", "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k", header,
		[]byte("<html><body>Bad Gateway</body></html>"))

	var ce *coserr.ClientError
	if errors.As(err, &ce) {
		fmt.Println(ce.StatusCode, ce.BodyStatus, ce.RequestID, ce.Message)
	}
	fmt.Println(errors.Is(err, coserr.ErrUnparseableResponse), coserr.IsRetryable(err))
	// Output:
	// 502 not_error_doc req-1 <html><body>Bad Gateway</body></html>
	// true true
}

// Copy, UploadPartCopy and CompleteMultipartUpload can fail inside a 200.
func ExampleParseRaw_errorIn200() {
	err := coserr.ParseRaw(200, "POST", "", nil,
		[]byte(`<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>`))
	fmt.Println(err != nil, coserr.IsRetryable(err))
	fmt.Println(coserr.ParseRaw(200, "POST", "", nil, []byte(`<CompleteMultipartUploadResult/>`)))
	// Output:
	// true true
	// <nil>
}

// A signature refused for a skewed clock: the skew to correct the local
// clock by, from the service's clock (the body's ServerTime here).
func ExampleServiceError_ClockSkew() {
	body := []byte(`<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><ServerTime>2019-04-09T03:39:20Z</ServerTime></Error>`)
	err := coserr.ParseRaw(403, "PUT", "", http.Header{"X-Cos-Request-Id": {"req-1"}}, body)

	var se *coserr.ServiceError
	if errors.As(err, &se) {
		now := time.Date(2019, 4, 9, 3, 49, 20, 0, time.UTC) // the local clock, ten minutes ahead
		skew, ok := se.ClockSkew(now)
		fmt.Println(se.Retry, skew, ok, coserr.IsRetryable(err))
	}
	// Output:
	// clock_skew -10m0s true false
}

// A gateway's page without any request id did not come from COS: try the
// backup domain rather than the same host again.
func ExampleClientError_FromCOS() {
	err := coserr.ParseRaw(502, "GET", "", http.Header{"Server": {"nginx"}}, []byte("<html><body>Bad Gateway</body></html>"))

	var ce *coserr.ClientError
	if errors.As(err, &ce) {
		fmt.Println(ce.Retry, ce.FromCOS(), coserr.IsRetryable(err))
	}
	fmt.Println(err)
	// Output:
	// switch_domain false false
	// CosClientError status=502 cause=not_error_doc retry=switch_domain code=- message="<html><body>Bad Gateway</body></html>" request_id=- trace_id=- resource=-
}

// A redirect is no error, so Parse returns nil for it; Decide also says
// what to do next. Here a 302 without any request id (a captive portal or
// a hijacked domain answered, not COS): switch to the backup domain rather
// than follow the Location.
func ExampleDecide() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://portal.example/login")
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	resp, err := client.Get(srv.URL + "/key.txt")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	d := coserr.Decide(resp, body) // one parse: d.Err is what Parse returns
	switch {
	case d.Retry == coserr.RetrySwitchDomain:
		fmt.Println("backup domain; not from COS:", !d.FromCOS(), "; Location:", d.Location)
	case d.Err != nil:
		fmt.Println("error:", d.Err)
	}
	// Output:
	// backup domain; not from COS: true ; Location: http://portal.example/login
}
