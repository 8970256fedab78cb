package sdktest

import (
	"testing"

	coserr "github.com/coserr/coserr/go"
)

// Successful calls are untouched: same result through the Transport.

func TestGetObjectHoldingAnErrorDocument(t *testing.T) {
	// An object whose content happens to be an <Error> document: a GET's
	// 2xx body is never read by the Transport, so it is the user's data.
	content := shared(t, "samples/issues_cos-wx-sdk-v5_25_AccessDenied.xml")
	alone, with := run(t, answer{200, cosXML, content}, getObject)
	if alone.err != nil || with.extra != string(content) {
		t.Fatalf("err=%v, body %d bytes, want %d", alone.err, len(with.extra), len(content))
	}
	if _, judged := coserr.DecisionOf(with.resp.Response); judged {
		t.Error("DecisionOf: a GET's 2xx body was judged")
	}
	if coserr.FromSDK(with.err) != nil {
		t.Error("FromSDK(nil) != nil")
	}
}

func TestCompleteMultipartUploadSuccess(t *testing.T) {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<CompleteMultipartUploadResult><Location>b-1250000000.cos.ap-guangzhou.myqcloud.com/k</Location><Bucket>b-1250000000</Bucket><Key>k</Key><ETag>"e-all"</ETag></CompleteMultipartUploadResult>`)
	alone, with := run(t, answer{200, cosXML, body}, completeMultipartUpload)
	if alone.err != nil || with.extra != `"e-all"` {
		t.Fatalf("err=%v ETag=%q", alone.err, with.extra)
	}
	// The Transport read this one (a 2xx XML answer to a POST): no error.
	d, judged := coserr.DecisionOf(with.resp.Response)
	if !judged || d.Err != nil || d.StatusCode != 200 || !d.FromCOS() {
		t.Errorf("DecisionOf = %+v, %v", d, judged)
	}
}
