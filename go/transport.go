package coserr

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strings"
)

// Transport wraps base (http.DefaultTransport when nil) for an SDK's
// http.Client, e.g. cos-go-sdk-v5's:
//
//	client := cos.NewClient(baseURL, &http.Client{
//		Transport: coserr.Transport(&cos.AuthorizationTransport{SecretID: id, SecretKey: key}),
//	})
//
// It reads the body of every answer that may be an error, judges it once
// with Decide, and gives the response back with the same status and
// headers and a body holding the same bytes (then the same read error, if
// reading failed), so that the SDK behaves exactly as before. The
// judgement rides with the response, in its Body: FromSDK finds it
// through the *http.Response that the SDK's error keeps, DecisionOf
// through any response. Nothing is kept anywhere else.
//
// The answers judged are every status outside 2xx (the SDK reads their
// body whole anyway), and a 2xx to a POST or PUT whose Content-Type is XML
// and whose body is at most 1 MiB: the answers in which COS can put an
// <Error> (Copy, UploadPartCopy, CompleteMultipartUpload, the last after
// keep-alive whitespace). Any other body is handed on untouched and
// unread, so a download streams as before.
func Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{base: base}
}

// maxSuccessBody is the largest 2xx body the transport reads to look for
// an <Error> in it: COS's error documents are a few hundred bytes, and a
// bigger body is streamed on untouched.
const maxSuccessBody = 1 << 20

type transport struct{ base http.RoundTripper }

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp == nil || resp.Body == nil {
		return resp, err
	}
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if success && !mayHoldError(req.Method, resp.Header) {
		return resp, nil
	}
	original := resp.Body
	var body []byte
	var readErr error
	if success {
		body, readErr = io.ReadAll(io.LimitReader(original, maxSuccessBody+1))
		if readErr != nil || len(body) > maxSuccessBody {
			// Not judged: the bytes read so far, then the rest as it comes.
			resp.Body = &answerBody{rest: io.MultiReader(bytes.NewReader(body), errorOrRest(readErr, original)), original: original}
			return resp, nil
		}
	} else {
		// An error answer is judged even when reading broke off: coserr
		// keeps what a broken body completed.
		body, readErr = io.ReadAll(original)
	}
	answer := &answerBody{rest: io.MultiReader(bytes.NewReader(body), errorOrRest(readErr, nil)), original: original, judged: true}
	answer.decision = Decide(resp, body)
	resp.Body = answer
	return resp, nil
}

// mayHoldError reports whether a 2xx answer to method with header may be
// an <Error> document: COS puts one only in the XML answer to a POST
// (CompleteMultipartUpload) or a PUT (Copy, UploadPartCopy).
func mayHoldError(method string, header http.Header) bool {
	if method != http.MethodPost && method != http.MethodPut {
		return false
	}
	media, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	return err == nil && (media == "application/xml" || media == "text/xml" || strings.HasSuffix(media, "+xml"))
}

// errorOrRest is what follows the bytes already read: the read error when
// there was one, else rest (nil: the end).
func errorOrRest(readErr error, rest io.Reader) io.Reader {
	switch {
	case readErr != nil:
		return failingReader{readErr}
	case rest != nil:
		return rest
	}
	return eofReader{}
}

type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// answerBody is the body the transport hands on: the same bytes, and the
// judgement of the answer when it made one. Closing it closes the
// original body.
type answerBody struct {
	rest     io.Reader
	original io.ReadCloser
	judged   bool
	decision Decision
}

func (b *answerBody) Read(p []byte) (int, error) { return b.rest.Read(p) }

func (b *answerBody) Close() error { return b.original.Close() }

// DecisionOf is the Decision the Transport made for resp's answer, and
// whether it made one: false for a response that did not come through the
// Transport, or a 2xx it did not read (see Transport). For an SDK's own
// response type that embeds *http.Response (cos-go-sdk-v5's *cos.Response),
// pass the embedded one: DecisionOf(resp.Response).
func DecisionOf(resp *http.Response) (Decision, bool) {
	if resp == nil {
		return Decision{}, false
	}
	b, ok := resp.Body.(*answerBody)
	if !ok || !b.judged {
		return Decision{}, false
	}
	return b.decision, true
}
