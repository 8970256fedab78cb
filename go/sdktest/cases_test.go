package sdktest

import (
	"strings"
	"testing"

	coserr "github.com/coserr/coserr/go"
	"github.com/tencentyun/cos-go-sdk-v5"
)

// The headers COS sends with an XML error.
var cosXML = map[string]string{"Content-Type": "application/xml", "X-Cos-Request-Id": "hdr-req"}

// Each test below is one row of the README's table: what the SDK's error
// says (observed), and what FromSDK says (checked by hand against the body).

func TestHead404(t *testing.T) {
	alone, with := run(t, answer{404, map[string]string{"X-Cos-Request-Id": "head-req"}, nil}, headObject)
	// The SDK: a 404 with no code (a HEAD has no body).
	sdk := sdkError(t, alone.err)
	if !cos.IsNotFoundError(alone.err) || sdk.Code != "" || sdk.Message != "" || sdk.RequestID != "" {
		t.Errorf("SDK: IsNotFoundError=%v Code=%q Message=%q RequestID=%q", cos.IsNotFoundError(alone.err), sdk.Code, sdk.Message, sdk.RequestID)
	}
	// coserr: the Python SDK's code for a HEAD 404, the id from the header,
	// the request URL as resource.
	err := coserr.FromSDK(with.err)
	checkCoserr(t, err, want{kind: coserr.KindService, status: 404, code: "NoSuchResource",
		message: "The Resource You Head Not Exist", requestID: "head-req", resource: with.resp.Request.URL.String(),
		retry: coserr.RetryNone, fromCOS: true, bodyStatus: coserr.BodyEmpty})
	if !coserr.IsNotFound(err) {
		t.Error("IsNotFound = false")
	}
}

func TestGet403XML(t *testing.T) {
	alone, with := run(t, answer{403, cosXML, shared(t, "samples/issues_cos-wx-sdk-v5_25_AccessDenied.xml")}, getObject)
	// The SDK reads a well-formed COS body right.
	const reqID = "NWM4MDhmZDJfNzljMDBiMDlfMmRmYzBfMTM2OTNiZA=="
	sdk := sdkError(t, alone.err)
	if sdk.Code != "AccessDenied" || sdk.Message != "Access Denied." || sdk.RequestID != reqID {
		t.Errorf("SDK: Code=%q Message=%q RequestID=%q", sdk.Code, sdk.Message, sdk.RequestID)
	}
	checkCoserr(t, coserr.FromSDK(with.err), want{kind: coserr.KindService, status: 403, code: "AccessDenied",
		message: "Access Denied.", requestID: reqID,
		traceID:  "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTQyYWVlY2QwZTk2MDVmZDQ3MmI2Y2I4ZmI5ZmM4ODFjMGU5NjQzNGY1N2ZkZTM2MmQ2NzI2NGU1ZGIyNDgxZDc=",
		resource: "shoujike-img-1251612692.cos.ap-beijing.myqcloud.com/1.png",
		retry:    coserr.RetryNone, fromCOS: true, bodyStatus: coserr.BodyOK})
}

func TestSlowDown503(t *testing.T) {
	body := []byte("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>slow-req</RequestId></Error>")
	alone, with := run(t, answer{503, cosXML, body}, getObject)
	// The SDK retries a 5xx: RetryOpt.Count is 3 by default.
	if alone.hits != 3 {
		t.Errorf("SDK sent %d requests, want 3", alone.hits)
	}
	sdk := sdkError(t, alone.err)
	if sdk.Code != "SlowDown" || sdk.RequestID != "slow-req" {
		t.Errorf("SDK: Code=%q RequestID=%q", sdk.Code, sdk.RequestID)
	}
	// coserr: the last answer, classed as throttling (back off, then retry).
	checkCoserr(t, coserr.FromSDK(with.err), want{kind: coserr.KindService, status: 503, code: "SlowDown",
		message: "Please reduce your request rate.", requestID: "slow-req", resource: with.resp.Request.URL.String(),
		retry: coserr.RetryThrottle, fromCOS: true, bodyStatus: coserr.BodyOK})
}

func TestGateway502HTML(t *testing.T) {
	html := shared(t, "edge/html_502.html")
	alone, with := run(t, answer{502, map[string]string{"Content-Type": "text/html"}, html}, getObject)
	if alone.hits != 3 {
		t.Errorf("SDK sent %d requests, want 3", alone.hits)
	}
	// The SDK: an ErrorResponse with nothing in it; the page is lost.
	sdk := sdkError(t, alone.err)
	if sdk.Code != "" || sdk.Message != "" || sdk.RequestID != "" || sdk.Response.StatusCode != 502 {
		t.Errorf("SDK: Code=%q Message=%q RequestID=%q", sdk.Code, sdk.Message, sdk.RequestID)
	}
	// coserr: a client error (the page is not a COS answer: <hr> is never
	// closed) whose message is the whole page, not from COS (no request
	// id), so the advice is another domain.
	err := coserr.FromSDK(with.err)
	checkCoserr(t, err, want{kind: coserr.KindClient, status: 502, message: string(html),
		resource: with.resp.Request.URL.String(), retry: coserr.RetrySwitchDomain, fromCOS: false,
		bodyStatus: coserr.BodyMalformed})
}

func TestCompleteMultipartUpload200WithError(t *testing.T) {
	body := shared(t, "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml")
	alone, with := run(t, answer{200, cosXML, body}, completeMultipartUpload)
	// The SDK: a plain error, the body printed as decimal bytes.
	if _, ok := cos.IsCOSError(alone.err); ok || !strings.HasPrefix(alone.err.Error(), "response 200 OK, but body contains an error, [60 63 120 109 108 ") {
		t.Errorf("SDK: %T %v", alone.err, alone.err)
	}
	// coserr: the body taken back from the error's text, judged as a 200.
	// The body has no ids and the SDK's error kept no headers.
	want200 := want{kind: coserr.KindService, status: 200, code: "InternalError",
		message: "We encountered an internal error.", retry: coserr.RetryTransient, bodyStatus: coserr.BodyOK}
	checkCoserr(t, coserr.FromSDK(alone.err), want200)
	checkCoserr(t, coserr.FromSDK(with.err), want200)
	// The response the SDK returned beside the error has the whole answer:
	// the header's request id, the URL as resource.
	d, ok := coserr.DecisionOf(with.resp.Response)
	if !ok {
		t.Fatal("DecisionOf: not judged")
	}
	want200.requestID, want200.resource, want200.fromCOS = "hdr-req", with.resp.Request.URL.String(), true
	checkCoserr(t, d.Err, want200)
}

func TestCompleteMultipartUploadAfterKeepAlive(t *testing.T) {
	// COS keeps a long CompleteMultipartUpload alive with whitespace, then
	// answers; here the answer is an error, inside the 200.
	alone, with := run(t, answer{200, cosXML, shared(t, "edge/leading_whitespace_keepalive_then_error.xml")}, completeMultipartUpload)
	if !strings.HasPrefix(alone.err.Error(), "response 200 OK, but body contains an error, [32 32 32 32 32 32 10 32 32 60 63 ") {
		t.Errorf("SDK: %T %v", alone.err, alone.err)
	}
	checkCoserr(t, coserr.FromSDK(with.err), want{kind: coserr.KindService, status: 200, code: "InternalError",
		message: "We encountered an internal error. Please try again.", requestID: "req1", traceID: "t1",
		resource: "b-1250000000.cos.ap-guangzhou.myqcloud.com/k", retry: coserr.RetryTransient, fromCOS: true,
		bodyStatus: coserr.BodyOK})
}

func TestErrorAfterKeepAlive500(t *testing.T) {
	// The same body under a 500: encoding/xml skips the whitespace too.
	alone, with := run(t, answer{500, cosXML, shared(t, "edge/leading_whitespace_keepalive_then_error.xml")}, getObject)
	if alone.hits != 3 {
		t.Errorf("SDK sent %d requests, want 3", alone.hits)
	}
	sdk := sdkError(t, alone.err)
	if sdk.Code != "InternalError" || sdk.RequestID != "req1" || sdk.TraceID != "t1" {
		t.Errorf("SDK: Code=%q RequestID=%q TraceID=%q", sdk.Code, sdk.RequestID, sdk.TraceID)
	}
	checkCoserr(t, coserr.FromSDK(with.err), want{kind: coserr.KindService, status: 500, code: "InternalError",
		message: "We encountered an internal error. Please try again.", requestID: "req1", traceID: "t1",
		resource: "b-1250000000.cos.ap-guangzhou.myqcloud.com/k", retry: coserr.RetryTransient, fromCOS: true,
		bodyStatus: coserr.BodyOK})
}

func TestJSONErrorCodeHeader(t *testing.T) {
	// cos-go-sdk-v5 v0.7.70 (the newest on the module proxy) has no vector
	// bucket client: a GET gets the JSON error with x-cos-error-code, and
	// the SDK's JSON branch (checkResponse, application/json) reads it.
	header := map[string]string{"Content-Type": "application/json", "X-Cos-Error-Code": "InvalidArgument", "X-Cos-Request-Id": "hdr-req"}
	alone, with := run(t, answer{400, header, shared(t, "edge/json_ci_error.json")}, getObject)
	// The SDK: its JSON code is a number; a text code gives "0".
	sdk := sdkError(t, alone.err)
	if sdk.Code != "0" || sdk.Message != "bad" || sdk.RequestID != "r1" {
		t.Errorf("SDK: Code=%q Message=%q RequestID=%q", sdk.Code, sdk.Message, sdk.RequestID)
	}
	checkCoserr(t, coserr.FromSDK(with.err), want{kind: coserr.KindService, status: 400, code: "InvalidArgument",
		message: "bad", requestID: "r1", resource: with.resp.Request.URL.String(), retry: coserr.RetryNone,
		fromCOS: true, bodyStatus: coserr.BodyOK})
}

func TestErrorResponseWrapper(t *testing.T) {
	alone, with := run(t, answer{400, cosXML, shared(t, "edge/wrapped_ErrorResponse.xml")}, getObject)
	// The SDK: encoding/xml wants the root <Error>; everything is lost but
	// the header's request id, which Error() prints.
	sdk := sdkError(t, alone.err)
	if sdk.Code != "" || sdk.Message != "" || sdk.RequestID != "" || !strings.Contains(sdk.Error(), "RequestId: hdr-req") {
		t.Errorf("SDK: Code=%q Message=%q RequestID=%q: %v", sdk.Code, sdk.Message, sdk.RequestID, sdk)
	}
	checkCoserr(t, coserr.FromSDK(with.err), want{kind: coserr.KindService, status: 400, code: "InvalidArgument",
		message: "m", requestID: "req1", traceID: "t1", resource: "r", retry: coserr.RetryNone, fromCOS: true,
		bodyStatus: coserr.BodyOK})
}
