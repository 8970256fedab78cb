package coserr_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	coserr "github.com/coserr/coserr/go"
)

// sdkError has the shape of cos-go-sdk-v5's *cos.ErrorResponse: the SDK's
// own reading of the body, and the *http.Response it came in.
type sdkError struct {
	Response *http.Response
	Code     string
}

func (e *sdkError) Error() string { return "sdk: " + e.Code }

// An SDK's client gets coserr.Transport; coserr.FromSDK then gives coserr's
// error for the SDK's, here an <ErrorResponse> wrapper that encoding/xml
// (and so the SDK) cannot read.
func ExampleTransport() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Cos-Request-Id", "hdr-req")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `<ErrorResponse><Error><Code>InvalidArgument</Code><Message>m</Message><RequestId>req1</RequestId></Error></ErrorResponse>`)
	}))
	defer srv.Close()

	client := &http.Client{Transport: coserr.Transport(nil)}
	resp, err := client.Get(srv.URL + "/k")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body) // what the SDK reads: the same bytes
	resp.Body.Close()
	err = fmt.Errorf("get: %w", &sdkError{Response: resp}) // the SDK found no code

	var se *coserr.ServiceError
	if errors.As(coserr.FromSDK(err), &se) {
		fmt.Println(se.StatusCode, se.Code, se.Message, se.RequestID)
	}
	fmt.Println(len(body), "bytes handed on")
	// Output:
	// 400 InvalidArgument m req1
	// 121 bytes handed on
}
