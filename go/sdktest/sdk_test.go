// Package sdktest drives the real cos-go-sdk-v5 against recorded COS answers
// served on 127.0.0.1: each case makes the same call through a client with
// a plain http.Client (the SDK alone) and through one whose Transport is
// coserr.Transport, and checks that the SDK says exactly the same thing
// through both and what coserr.FromSDK says on top.
package sdktest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	coserr "github.com/coserr/coserr/go"
	"github.com/tencentyun/cos-go-sdk-v5"
)

// sharedDir is the project's read-only material (`../shared` beside the
// repository), seen from go/sdktest.
const sharedDir = "../../../shared/cos"

func shared(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if err != nil {
		t.Fatalf("%v (run from go/sdktest with ../shared beside the repository)", err)
	}
	return b
}

// answer is one recorded COS answer.
type answer struct {
	status int
	header map[string]string
	body   []byte
}

// server replies a to every request and counts the requests.
type server struct {
	*httptest.Server
	hits atomic.Int32
}

func serve(t *testing.T, a answer) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		for k, v := range a.header {
			w.Header()[k] = []string{v} // as given: no canonical form forced
		}
		w.WriteHeader(a.status)
		if r.Method != http.MethodHead {
			w.Write(a.body)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// client is a cos.Client whose every URL is the server's, over hc.
func client(s *server, hc *http.Client) *cos.Client {
	u, _ := url.Parse(s.URL)
	return cos.NewClient(&cos.BaseURL{BucketURL: u, ServiceURL: u, BatchURL: u, CIURL: u, FetchURL: u}, hc)
}

// outcome is what one call through the SDK gave.
type outcome struct {
	resp  *cos.Response
	err   error
	hits  int32
	extra string // what the call returned beside the error, when it matters
}

// call is one SDK call.
type call func(ctx context.Context, c *cos.Client) (*cos.Response, string, error)

var (
	headObject = func(ctx context.Context, c *cos.Client) (*cos.Response, string, error) {
		resp, err := c.Object.Head(ctx, "k", nil)
		return resp, "", err
	}
	getObject = func(ctx context.Context, c *cos.Client) (*cos.Response, string, error) {
		resp, err := c.Object.Get(ctx, "k", nil)
		if err != nil {
			return resp, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, string(b), err
	}
	completeMultipartUpload = func(ctx context.Context, c *cos.Client) (*cos.Response, string, error) {
		opt := &cos.CompleteMultipartUploadOptions{Parts: []cos.Object{{PartNumber: 1, ETag: "\"e1\""}}}
		res, resp, err := c.Object.CompleteMultipartUpload(ctx, "k", "upload-1", opt)
		etag := ""
		if res != nil {
			etag = res.ETag
		}
		return resp, etag, err
	}
)

// run makes the call against a served twice: the SDK alone, then the SDK
// over coserr.Transport. The SDK must say exactly the same through both.
func run(t *testing.T, a answer, do call) (alone, with outcome) {
	t.Helper()
	// As the SDK's README builds its client, then the one-line change.
	sign := func() *cos.AuthorizationTransport {
		return &cos.AuthorizationTransport{SecretID: "id", SecretKey: "key"}
	}
	for i, hc := range []*http.Client{{Transport: sign()}, {Transport: coserr.Transport(sign())}} {
		s := serve(t, a)
		resp, extra, err := do(context.Background(), client(s, hc))
		o := outcome{resp: resp, err: err, hits: s.hits.Load(), extra: extra}
		if i == 0 {
			alone = o
		} else {
			with = o
		}
	}
	if errText(alone.err) != errText(with.err) || alone.hits != with.hits || alone.extra != with.extra {
		t.Fatalf("the SDK behaves differently over the Transport:\nalone: %q (%d requests, %q)\nwith:  %q (%d requests, %q)",
			errText(alone.err), alone.hits, alone.extra, errText(with.err), with.hits, with.extra)
	}
	if got := coserr.FromSDK(alone.err); got != nil && !strings.HasPrefix(errText(alone.err), "response 200 OK") {
		t.Errorf("FromSDK without the Transport = %v, want nil (no answer was judged)", got)
	}
	return alone, with
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	// The SDK prints the server's URL, which differs between the two runs.
	text := err.Error()
	if i := strings.Index(text, "http://127.0.0.1:"); i >= 0 {
		if j := strings.IndexByte(text[i+len("http://127.0.0.1:"):], '/'); j >= 0 {
			text = text[:i] + "URL" + text[i+len("http://127.0.0.1:")+j:]
		}
	}
	return text
}

// sdkError is the SDK's *cos.ErrorResponse in err.
func sdkError(t *testing.T, err error) *cos.ErrorResponse {
	t.Helper()
	e, ok := cos.IsCOSError(err)
	if !ok {
		t.Fatalf("SDK error %T %v, want *cos.ErrorResponse", err, err)
	}
	return e
}

// want is coserr's expected answer, checked by hand against the body.
type want struct {
	kind                              coserr.Kind
	status                            int
	code, message, requestID, traceID string
	resource                          string
	retry                             coserr.Retry
	fromCOS                           bool
	bodyStatus                        coserr.BodyStatus
}

func checkCoserr(t *testing.T, err error, w want) {
	t.Helper()
	var e *coserr.ServiceError
	var se *coserr.ServiceError
	var ce *coserr.ClientError
	switch {
	case errors.As(err, &se):
		e = se
	case errors.As(err, &ce):
		e = (*coserr.ServiceError)(ce)
	default:
		t.Fatalf("FromSDK = %T %v, want a coserr error", err, err)
	}
	got := want{e.Kind, e.StatusCode, e.Code, e.Message, e.RequestID, e.TraceID, e.Resource, e.Retry, e.FromCOS(), e.BodyStatus}
	if got != w {
		t.Errorf("FromSDK:\n got %+v\nwant %+v", got, w)
	}
	if coserr.IsRetryable(err) != (w.retry == coserr.RetryTransient || w.retry == coserr.RetryThrottle) {
		t.Errorf("IsRetryable = %v for retry %v", coserr.IsRetryable(err), w.retry)
	}
}
