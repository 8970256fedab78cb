package coserr

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

const testURL = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/dir/key.txt"

func sample(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// response builds the *http.Response net/http hands a COS SDK.
func response(status int, method string, header map[string]string) *http.Response {
	u, _ := url.Parse(testURL)
	h := http.Header{}
	for k, v := range header {
		h.Set(k, v)
	}
	return &http.Response{
		Status:     strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode: status,
		Proto:      "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  h,
		Request: &http.Request{Method: method, URL: u, Header: http.Header{}},
	}
}

var cosHeaders = map[string]string{
	"Content-Type":     "application/xml",
	"Server":           "tencent-cos",
	"X-Cos-Request-Id": "NjQ5ZjQ1ZTJfOTg0ZjFlMDlfMTk0YWZfMWI5ZTI5Ng==",
	"X-Cos-Trace-Id":   "OGVmYzZiMmQzYjA2OWNh",
}

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		resp   *http.Response
		body   []byte
		want   Kind // KindNone: Parse returns nil
		check  func(t *testing.T, e *ServiceError)
		notFnd bool
		retry  bool
	}{
		{
			name: "404 NoSuchKey", resp: response(404, "GET", cosHeaders), body: sample(t, "samples/go_Test_IsNotFoundError.xml"),
			want: KindService, notFnd: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Code", e.Code, "NoSuchKey")
				expectEq(t, "CodeID.String", e.CodeID.String(), "NoSuchKey")
				expectEq(t, "Category", e.Category, CategoryNotFound)
				expectEq(t, "RequestID", e.RequestID, "NjA3OGY4NGFfNjJkMmMwYl8***") // the body's
				expectEq(t, "Flags", e.Flags, FlagIDsDisagree)                      // the header's differs
				expectEq(t, "FromHeader", e.FromHeader, Fields(0))
				expectEq(t, "BodyStatus", e.BodyStatus, BodyOK)
			},
		},
		{
			name: "200 with an Error body (CompleteMultipartUpload)", resp: response(200, "POST", cosHeaders),
			body: sample(t, "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml"),
			want: KindService, retry: true, // InternalError, even inside a 200
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "StatusCode", e.StatusCode, 200)
				expectEq(t, "Code", e.Code, "InternalError")
				expectEq(t, "Resource", e.Resource, testURL) // none in the body: the URL
				expectEq(t, "FromHeader", e.FromHeader, FieldRequestID|FieldTraceID|FieldResource)
			},
		},
		{
			name: "200 with an Error body (CopyPart, odd indentation)", resp: response(200, "PUT", nil),
			body: sample(t, "samples/go_TestObjectService_CopyPart.xml"), want: KindService,
			check: func(t *testing.T, e *ServiceError) { expectEq(t, "Code", e.Code, "string") },
		},
		{name: "200 CompleteMultipartUploadResult after keep-alive spaces", resp: response(200, "POST", cosHeaders), body: sample(t, "edge/leading_whitespace_keepalive_then_result.xml")},
		{name: "200 plain text", resp: response(200, "POST", nil), body: sample(t, "samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_plain_text_body.txt")},
		{name: "200 empty", resp: response(200, "GET", cosHeaders)},
		{name: "200 JSON (Tencent APIs answer success as {\"code\":0})", resp: response(200, "GET", nil), body: []byte(`{"code":0,"message":"ok"}`)},
		{
			name: "404 HEAD, empty body", resp: response(404, "HEAD", map[string]string{"X-Cos-Request-Id": "hdr-req"}),
			want: KindService, notFnd: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Code", e.Code, "NoSuchResource")
				expectEq(t, "Message", e.Message, "The Resource You Head Not Exist")
				expectEq(t, "Resource", e.Resource, testURL)
				expectEq(t, "RequestID", e.RequestID, "hdr-req")
				expectEq(t, "FromHeader", e.FromHeader, FieldRequestID|FieldResource)
				expectEq(t, "BodyStatus", e.BodyStatus, BodyEmpty)
				expectEq(t, "Body", len(e.Body), 0)
			},
		},
		{
			name: "403 HEAD, empty body", resp: response(403, "HEAD", map[string]string{"X-Cos-Request-Id": "hdr-req"}),
			want: KindService,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Present", e.Present, FieldRequestID|FieldResource) // no code: only a HEAD 404 gets one
				expectEq(t, "Category", e.Category, CategoryAccessAuth)
			},
		},
		{
			name: "header fallback: empty elements never wipe out a header", resp: response(403, "PUT", cosHeaders),
			body: sample(t, "samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml"), want: KindService,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "RequestID", e.RequestID, cosHeaders["X-Cos-Request-Id"])
				expectEq(t, "TraceID", e.TraceID, cosHeaders["X-Cos-Trace-Id"])
				expectEq(t, "FromHeader", e.FromHeader, FieldRequestID|FieldTraceID|FieldResource)
				expectEq(t, "Category", e.Category, CategoryAccessAuth)
			},
		},
		{
			name: "header fallback: x-ci-request-id", resp: response(400, "GET", map[string]string{"X-Ci-Request-Id": "ci-req"}),
			body: sample(t, "samples/go_TestObjectService_Copy_returnErr.xml"), want: KindService,
			check: func(t *testing.T, e *ServiceError) { expectEq(t, "RequestID", e.RequestID, "ci-req") },
		},
		{
			name: "502 HTML from a gateway", resp: response(502, "GET", map[string]string{"X-Cos-Request-Id": "hdr-req"}),
			body: sample(t, "edge/html_502.html"), want: KindClient, retry: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "BodyStatus", e.BodyStatus, BodyMalformed)
				expectEq(t, "RequestID", e.RequestID, "hdr-req")
				if !strings.HasPrefix(e.Message, "<html>\r\n<head><title>502 Bad Gateway") {
					t.Errorf("Message = %q, want the start of the body", e.Message)
				}
				if e.BodyOffset == 0 {
					t.Errorf("BodyOffset = 0 for a malformed body")
				}
			},
		},
		{
			name: "403 plain text", resp: response(403, "GET", nil), body: sample(t, "samples/issues_PicGo_868_403_plaintext_nonxml.txt"),
			want: KindClient,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "BodyStatus", e.BodyStatus, BodyNotXML)
				if !strings.HasPrefix(e.Message, "You do not have permission") {
					t.Errorf("Message = %q", e.Message)
				}
			},
		},
		{
			name: "503 truncated SlowDown: partial fields survive", resp: response(503, "PUT", cosHeaders),
			body: sample(t, "edge/truncated_after_code.xml"), want: KindClient, retry: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Code", e.Code, "SlowDown")
				expectEq(t, "Flags", e.Flags, FlagPartial)
				expectEq(t, "Category", e.Category, CategoryThrottled)
			},
		},
		{
			name: "500 InternalError", resp: response(500, "PUT", cosHeaders),
			body: sample(t, "samples/go_TestObjectService_CompleteMultipartUpload_HTTPError.xml"), want: KindService, retry: true,
			check: func(t *testing.T, e *ServiceError) { expectEq(t, "Category", e.Category, CategoryServer) },
		},
		{
			name: "404 JSON body", resp: response(404, "GET", map[string]string{"Content-Type": "application/json"}),
			body: sample(t, "samples/go_Test_CheckReponse_json.json"), want: KindService, notFnd: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Code", e.Code, "404")
				expectEq(t, "RequestID", e.RequestID, "requestid")
			},
		},
		{
			name: "vector bucket: code in x-cos-error-code", resp: response(404, "POST", map[string]string{"X-Cos-Error-Code": "NotFoundException", "X-Cos-Request-Id": "v-req"}),
			body: []byte(`{"message":"index not found"}`), want: KindService, notFnd: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Code", e.Code, "NotFoundException")
				expectEq(t, "Message", e.Message, "index not found")
				expectEq(t, "FromHeader", e.FromHeader, FieldCode|FieldRequestID|FieldResource)
			},
		},
		{
			name: "ServerTime and extras", resp: response(403, "GET", cosHeaders),
			body: sample(t, "samples/issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml"), want: KindService,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "ServerTime", e.ServerTime, "2019-04-09T03:39:20Z")
				expectEq(t, "Present", e.Present, FieldCode|FieldMessage|FieldResource|FieldRequestID|FieldTraceID|FieldServerTime)
				expectEq(t, "Extras", len(e.Extras), 0)
			},
		},
		{
			name: "extras: HostId", resp: response(500, "POST", nil),
			body: sample(t, "samples/java_XmlResponsesSaxParser_CompleteMultipartUploadHandler_javadoc.xml"), want: KindService, retry: true,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Extras", e.Extras, []Extra{{Name: "HostId", Value: "Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg=="}})
			},
		},
		{
			name: "extras: Type, AnotherSetting", resp: response(400, "GET", nil),
			body: sample(t, "samples/awsrust_rest_xml_unwrapped_errors_parse_unwrapped_error.xml"), want: KindService,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Extras", e.Extras, []Extra{{"Type", "Sender"}, {"AnotherSetting", "setting"}})
			},
		},
		{
			name: "extras longer than the stack buffers", resp: response(400, "GET", nil),
			body: []byte("<Error><Code>A</Code><" + strings.Repeat("N", 300) + ">" + strings.Repeat("é", 1000) + "</" + strings.Repeat("N", 300) + "></Error>"),
			want: KindService,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Extras", e.Extras, []Extra{{strings.Repeat("N", 300), strings.Repeat("é", 1000)}})
			},
		},
		{
			// The C record cuts them at a UTF-8 boundary (Code to 62 bytes,
			// Message to 1023/3*3) and says so; the Go strings are whole.
			name: "fields longer than the C record's arrays", resp: response(400, "GET", nil),
			body: []byte("<Error><Code>" + strings.Repeat("x", 62) + "é</Code><Message>" + strings.Repeat("€", 400) + "</Message></Error>"),
			want: KindService,
			check: func(t *testing.T, e *ServiceError) {
				expectEq(t, "Truncated", e.Truncated, FieldCode|FieldMessage)
				expectEq(t, "Code", e.Code, strings.Repeat("x", 62)+"é")
				expectEq(t, "Message", e.Message, strings.Repeat("€", 400))
				if !utf8.ValidString(e.Message) {
					t.Errorf("Message is not valid UTF-8")
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Parse(tc.resp, tc.body)
			var se *ServiceError
			var ce *ClientError
			switch tc.want {
			case KindNone:
				if err != nil {
					t.Fatalf("Parse = %v, want nil", err)
				}
				return
			case KindService:
				if !errors.As(err, &se) || errors.As(err, &ce) {
					t.Fatalf("Parse = %T %v, want *ServiceError", err, err)
				}
				if errors.Is(err, ErrUnparseableResponse) {
					t.Errorf("a service error is ErrUnparseableResponse")
				}
			case KindClient:
				if !errors.As(err, &ce) || errors.As(err, &se) {
					t.Fatalf("Parse = %T %v, want *ClientError", err, err)
				}
				if !errors.Is(err, ErrUnparseableResponse) {
					t.Errorf("a client error is not ErrUnparseableResponse")
				}
				se = (*ServiceError)(ce)
			}
			expectEq(t, "Kind", se.Kind, tc.want)
			expectEq(t, "StatusCode", se.StatusCode, tc.resp.StatusCode)
			expectEq(t, "Body", string(se.Body), string(tc.body))
			expectEq(t, "IsNotFound", IsNotFound(err), tc.notFnd)
			expectEq(t, "IsRetryable", IsRetryable(err), tc.retry)
			expectEq(t, "Retryable", se.Retryable, tc.retry)
			expectEq(t, "Retryable is transient or throttle", se.Retryable, se.Retry == RetryTransient || se.Retry == RetryThrottle)
			// Wrapped, as an SDK returns it.
			wrapped := fmt.Errorf("cos: %s %s: %w", tc.resp.Request.Method, testURL, err)
			expectEq(t, "IsNotFound(wrapped)", IsNotFound(wrapped), tc.notFnd)
			expectEq(t, "IsRetryable(wrapped)", IsRetryable(wrapped), tc.retry)
			// The display line always carries status, code, message, ids.
			line := err.Error()
			if strings.ContainsAny(line, "\r\n") {
				t.Errorf("Error() is not one line: %q", line)
			}
			for _, part := range []string{"status=" + strconv.Itoa(tc.resp.StatusCode), "code=", "message=", "request_id=", "trace_id="} {
				if !strings.Contains(line, part) {
					t.Errorf("Error() = %q, lacks %q", line, part)
				}
			}
			if se.RequestID != "" && !strings.Contains(line, strconv.Quote(se.RequestID)[1:]) {
				t.Errorf("Error() = %q, lacks the request id", line)
			}
			checkDigest(t, err, se)
			// ParseRaw with the same facts says the same.
			raw := ParseRaw(tc.resp.StatusCode, tc.resp.Request.Method, testURL, tc.resp.Header, tc.body)
			if raw.Error() != line {
				t.Errorf("ParseRaw: %q\nParse:    %q", raw.Error(), line)
			}
			if r := details(raw); !reflect.DeepEqual(r, se) {
				t.Errorf("ParseRaw: %+v\nParse:    %+v", r, se)
			}
			if tc.check != nil {
				tc.check(t, se)
			}
		})
	}
}

func checkDigest(t *testing.T, err error, e *ServiceError) {
	t.Helper()
	var d interface{ Digest() string }
	if !errors.As(err, &d) {
		t.Fatalf("%T has no Digest", err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(d.Digest()), &m); err != nil {
		t.Fatalf("Digest() = %q: %v", d.Digest(), err)
	}
	for key, f := range map[string]Fields{"code": FieldCode, "message": FieldMessage, "resource": FieldResource, "requestid": FieldRequestID, "traceid": FieldTraceID} {
		v, ok := m[key]
		if !ok {
			t.Errorf("Digest() lacks %q", key)
		}
		if e.Present.Has(f) != (v != nil) {
			t.Errorf("Digest()[%q] = %v with Present = %q", key, v, e.Present)
		}
	}
	expectEq(t, "digest status", m["status"], any(float64(e.StatusCode)))
}

func TestParseRaw(t *testing.T) {
	body := sample(t, "bench/minimal_140B.xml")
	// Header names in any case, several values, nil map.
	err := ParseRaw(403, "get", "", map[string][]string{"x-cos-trace-id": {"t-1", "t-2"}}, body)
	var se *ServiceError
	if !errors.As(err, &se) {
		t.Fatalf("ParseRaw = %v", err)
	}
	expectEq(t, "TraceID", se.TraceID, "t-1")
	expectEq(t, "Resource", se.Resource, "")
	expectEq(t, "Present", se.Present.Has(FieldResource), false)
	if ParseRaw(200, "", "", nil, body) == nil {
		t.Errorf("an Error body in a 200 is an error")
	}
	if err := ParseRaw(0, "", "", nil, nil); err != nil {
		t.Errorf("status unknown, empty body: %v", err)
	}
	if err := ParseRaw(-1, "", "", nil, []byte("garbage")); !errors.Is(err, ErrUnparseableResponse) {
		t.Errorf("status out of range (unknown), garbage: %v", err)
	}
	if err := Parse(nil, body); err == nil || err.(*ServiceError).StatusCode != 0 {
		t.Errorf("Parse(nil, body) = %#v", err)
	}
	if err := Parse(&http.Response{StatusCode: 404}, nil); !IsNotFound(err) {
		t.Errorf("a 404 without a request = %v", err)
	}
}

func TestParseBody(t *testing.T) {
	if err := ParseBody(nil); err != nil {
		t.Errorf("empty: %v", err)
	}
	if err := ParseBody(sample(t, "edge/leading_whitespace_keepalive_then_result.xml")); err != nil {
		t.Errorf("not an error document: %v", err)
	}
	err := ParseBody(sample(t, "bench/typical_482B.xml"))
	if !IsNotFound(err) || err.(*ServiceError).StatusCode != 0 {
		t.Errorf("typical: %v", err)
	}
	err = ParseBody(sample(t, "edge/truncated_after_code.xml"))
	var ce *ClientError
	if !errors.As(err, &ce) || ce.Code != "SlowDown" || !ce.Flags.Has(FlagPartial) {
		t.Errorf("truncated: %#v", err)
	}
}

// Many headers: past the Go stack buffers (16 entries, 1 KiB) and the C
// stack array (64 entries), the id at the end still counts.
func TestManyHeaders(t *testing.T) {
	h := http.Header{}
	for i := 0; i < 200; i++ {
		h.Set(fmt.Sprintf("X-Cos-Meta-K%03d", i), strings.Repeat("v", 40))
	}
	h.Set("X-Cos-Request-Id", "found-it")
	for _, n := range []int{0, 10, 40, 100, 200} {
		sub := http.Header{"X-Cos-Request-Id": {"found-it"}}
		i := 0
		for k, v := range h {
			if i == n {
				break
			}
			sub[k] = v
			i++
		}
		err := ParseRaw(404, "HEAD", testURL, sub, nil)
		var se *ServiceError
		if !errors.As(err, &se) || se.RequestID != "found-it" {
			t.Errorf("%d headers: %v", len(sub), err)
		}
	}
}

// The record does not alias the caller's buffer.
func TestBodyIsCopied(t *testing.T) {
	body := sample(t, "bench/typical_482B.xml")
	err := Parse(response(404, "GET", cosHeaders), body)
	before := err.Error()
	for i := range body {
		body[i] = 'x'
	}
	se := err.(*ServiceError)
	if err.Error() != before || se.Code != "NoSuchBucket" || se.Body[0] != '<' {
		t.Errorf("the error changed with the caller's buffer: %v", err)
	}
	// A large body gets its own copy.
	large := []byte("<Error><Code>A</Code><Message>" + strings.Repeat("m", 20000) + "</Message></Error>")
	se = ParseRaw(400, "", "", nil, large).(*ServiceError)
	large[1] = 'x'
	expectEq(t, "Body[1]", se.Body[1], byte('E'))
}

// A ServiceError made by hand (a mock in a user's test) displays what it holds.
func TestHandMadeError(t *testing.T) {
	var err error = &ServiceError{StatusCode: 404, Code: "NoSuchKey", Message: "gone", RequestID: "r1"}
	line := err.Error()
	for _, part := range []string{"CosServiceError", "status=404", `code="NoSuchKey"`, `message="gone"`, `request_id="r1"`, "trace_id=-"} {
		if !strings.Contains(line, part) {
			t.Errorf("Error() = %q, lacks %q", line, part)
		}
	}
	if !IsNotFound(err) || IsRetryable(err) {
		t.Errorf("IsNotFound/IsRetryable of a hand-made 404")
	}
	long := &ClientError{StatusCode: 502, Message: strings.Repeat("\"quoted\"\n", 300), BodyStatus: BodyNotXML}
	if l := long.Error(); !strings.HasPrefix(l, "CosClientError status=502 cause=") || strings.Contains(l, "\n") {
		t.Errorf("Error() = %q", l)
	}
	if IsNotFound(nil) || IsRetryable(errors.New("x")) {
		t.Errorf("helpers on non-coserr errors")
	}
}

func TestStrings(t *testing.T) {
	expectEq(t, "Fields", (FieldCode | FieldTraceID).String(), "Code|TraceId")
	expectEq(t, "Flags", (FlagPartial | FlagIDsDisagree).String(), "partial|ids_disagree")
	expectEq(t, "Kind", KindClient.String(), "client")
	expectEq(t, "BodyStatus", BodyNotErrorDoc.String(), "not_error_doc")
	expectEq(t, "Category", CategoryThrottled.String(), "throttled")
	expectEq(t, "unknown code", CodeUnknown.Known(), false)
	expectEq(t, "ResultName", ResultName(5), "COSERR_NOT_FOUND")
	expectEq(t, "ABIVersion (library vs header)", ABIVersion(), uint32(headerABIVersion))
}

// Parse from many goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	bodies := [][]byte{sample(t, "bench/typical_482B.xml"), sample(t, "bench/large_4KB.xml"), sample(t, "edge/duplicate_code.xml"), sample(t, "edge/html_502.html")}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		want[i] = Parse(response(500, "GET", cosHeaders), b).Error()
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := (g + i) % len(bodies)
				if got := Parse(response(500, "GET", cosHeaders), bodies[k]).Error(); got != want[k] {
					t.Errorf("goroutine %d: %q != %q", g, got, want[k])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// Against a real server, through net/http.
func TestWithHTTPServer(t *testing.T) {
	body := sample(t, "samples/go_Test_IsNotFoundError.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-cos-request-id", "srv-req")
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	}))
	defer srv.Close()
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		req, _ := http.NewRequest(method, srv.URL+"/a%20b?versionId=1", nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 0, 512)
		for {
			n, rerr := resp.Body.Read(b[len(b):cap(b)])
			b = b[:len(b)+n]
			if rerr != nil {
				break
			}
		}
		resp.Body.Close()
		err = Parse(resp, b)
		var se *ServiceError
		if !errors.As(err, &se) || !IsNotFound(err) {
			t.Fatalf("%s: %v", method, err)
		}
		if method == http.MethodHead {
			expectEq(t, "Code", se.Code, "NoSuchResource")
			expectEq(t, "RequestID", se.RequestID, "srv-req")
			expectEq(t, "Resource", se.Resource, srv.URL+"/a%20b?versionId=1")
		} else {
			expectEq(t, "Code", se.Code, "NoSuchKey")
			// net/http's server sends a Date header: the service's clock.
			expectEq(t, "Flags", se.Flags, FlagIDsDisagree|FlagServerClock)
		}
	}
}

// Extras depend on the body alone: every error with a well-formed error
// document has its body's extras, in document order, whatever the status and
// the headers (a code from x-cos-error-code included); any other answer has
// none. The shared bodies must give what their own extras iteration gives
// (coserr_extras_begin, a parse of its own): the has_extras shortcut of
// the parse (too few opening tags for an extra) must never hide one.
func TestExtrasOfEveryBody(t *testing.T) {
	type bodyCase struct {
		body []byte
		want []Extra // nil: what extrasOf gives
	}
	bodies := map[string]bodyCase{
		"code from x-cos-error-code, message from the body text": {[]byte("<Error><Foo>x</Foo></Error>"), []Extra{{"Foo", "x"}}},
		"only extras":               {[]byte("<Error><A/><B>b</B></Error>"), []Extra{{"A", ""}, {"B", "b"}}},
		"empty known fields":        {[]byte("<Error><Code/><Message></Message><X>1</X></Error>"), []Extra{{"X", "1"}}},
		"wrapper":                   {[]byte("<ErrorResponse><Error><Code>C</Code><X>1</X></Error></ErrorResponse>"), []Extra{{"X", "1"}}},
		"'<' in CDATA and comments": {[]byte("<Error><Code>C</Code><!-- <a> --><Message><![CDATA[<b>]]></Message></Error>"), []Extra{}},
		"repeated fields":           {[]byte("<Error><Code>C</Code><Code>D</Code><RequestId>r</RequestId><RequestId>s</RequestId></Error>"), []Extra{{"Code", "D"}, {"RequestId", "s"}}},
		"prefixed":                  {[]byte(`<e:Error xmlns:e="u"><e:Code>C</e:Code><e:Host>h</e:Host></e:Error>`), []Extra{{"Host", "h"}}},
		"more than the inline four": {[]byte("<Error><A>1</A><B>2</B><C>3</C><D>4</D><E>5</E><F>6</F></Error>"), []Extra{{"A", "1"}, {"B", "2"}, {"C", "3"}, {"D", "4"}, {"E", "5"}, {"F", "6"}}},
		"a cut one between others":  {[]byte("<Error><A>1</A><Long>" + strings.Repeat("v", 3000) + "</Long><B>2</B></Error>"), []Extra{{"A", "1"}, {"Long", strings.Repeat("v", 3000)}, {"B", "2"}}},
	}
	// Each side of the larger inline room (16) and of the stack's spans.
	for _, n := range []int{16, 17, 40} {
		body, want := "<Error><Code>C</Code>", []Extra{}
		for i := range n {
			body += fmt.Sprintf("<X%02d>v%d</X%02d>", i, i, i)
			want = append(want, Extra{fmt.Sprintf("X%02d", i), fmt.Sprintf("v%d", i)})
		}
		bodies[fmt.Sprintf("%d extras", n)] = bodyCase{[]byte(body + "</Error>"), want}
	}
	for _, path := range sampleFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		bodies[path] = bodyCase{body: b}
	}
	header := http.Header{"X-Cos-Error-Code": {"SomeCode"}, "X-Cos-Request-Id": {"r"}}
	with := 0
	for name, c := range bodies {
		want := c.want
		if want == nil {
			want = extrasOf(c.body)
		}
		for _, status := range []int{0, 200, 400, 503} {
			for _, h := range []http.Header{nil, header} {
				e := details(ParseRaw(status, "GET", testURL, h, c.body))
				var got, expect []Extra
				if e != nil {
					got = e.Extras
					if e.BodyStatus == BodyOK {
						expect = want
					}
				}
				if !equalish(got, expect) {
					t.Errorf("%s (status %d, headers %v): extras %v, want %v", name, status, h != nil, got, expect)
				}
				with += len(got)
			}
		}
	}
	if with == 0 {
		t.Fatal("no body had extras")
	}
	e := details(ParseRaw(400, "GET", "", header, bodies["code from x-cos-error-code, message from the body text"].body))
	expectEq(t, "Extras", e.Extras, []Extra{{"Foo", "x"}})
	expectEq(t, "Message", e.Message, "<Error><Foo>x</Foo></Error>")
}

// Parse fills a missing Resource from resp.Request.URL itself when the URL
// fits; a longer one (or one that is not UTF-8) goes through C. Either way
// the record is the one ParseRaw (C alone) gives.
func TestURLResource(t *testing.T) {
	body := sample(t, "bench/minimal_140B.xml")
	long, _ := url.Parse(testURL + "?" + strings.Repeat("p=%E2%82%AC&", 200)) // longer than Resource's 1023 bytes
	short, _ := url.Parse(testURL)
	for _, u := range []*url.URL{
		short,
		long,
		{Scheme: "https", Opaque: "//b.cos.ap-guangzhou.myqcloud.com/" + strings.Repeat("é", 600)}, // cut inside a character
		{Scheme: "https", Opaque: "//b.cos.ap-guangzhou.myqcloud.com/caf\xe9"},                     // not UTF-8: U+FFFD
	} {
		raw := u.String()
		for _, method := range []string{"GET", "HEAD"} {
			for _, b := range [][]byte{body, nil} {
				resp := &http.Response{StatusCode: 404, Header: http.Header{}, Request: &http.Request{Method: method, URL: u}}
				got := details(Parse(resp, b))
				want := details(ParseRaw(404, method, u.String(), nil, b))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %.60s...: Parse %+v\nParseRaw %+v", method, raw, got, want)
				}
				if !got.FromHeader.Has(FieldResource) || !utf8.ValidString(got.Resource) || got.Resource == "" {
					t.Errorf("Resource %q, FromHeader %q", got.Resource, got.FromHeader)
				}
				if len(u.String()) > 1023 && !got.Truncated.Has(FieldResource) {
					t.Errorf("a %d-byte URL is not marked truncated", len(u.String()))
				}
			}
		}
	}
}

// Each of the eight headers C reads is found under its name in any ASCII
// case, and no other name stands for it (the Go side passes C only these).
func TestKnownHeaderNames(t *testing.T) {
	names := []string{"x-cos-error-code", "x-cos-request-id", "x-ci-request-id", "x-img-request-id", "x-cos-trace-id",
		"date", "location", "x-cos-bucket-region"}
	expectEq(t, "number of known headers", len(names), knownHeaders)
	for i, n := range names {
		// Parse looks them up as net/http stores them.
		expectEq(t, "canonical name", canonicalHeaders[i], http.CanonicalHeaderKey(n))
		for _, spelled := range []string{n, strings.ToUpper(n), http.CanonicalHeaderKey(n)} {
			if got := knownHeader(spelled); got != i {
				t.Errorf("knownHeader(%q) = %d, want %d", spelled, got, i)
			}
		}
		for _, other := range []string{n[1:], n + "x", strings.Replace(n, "-", "_", 1), strings.Replace(n, "i", "\u0130", 1), strings.Replace(n, "k", "\u212a", 1)} {
			if other == n {
				continue // no such letter in this name
			}
			if got := knownHeader(other); got >= 0 {
				t.Errorf("knownHeader(%q) = %d, want -1", other, got)
			}
		}
	}
	// Through C: every request-id header, in any case, is the fallback.
	for _, n := range names[1:4] {
		for _, spelled := range []string{n, strings.ToUpper(n)} {
			e := details(ParseRaw(404, "HEAD", "", map[string][]string{spelled: {"id-" + n}}, nil))
			if e == nil || e.RequestID != "id-"+n || !e.FromHeader.Has(FieldRequestID) {
				t.Errorf("%s: %+v", spelled, e)
			}
		}
	}
	e := details(ParseRaw(503, "GET", "", map[string][]string{"X-COS-ERROR-CODE": {"SlowDown"}, "x-cos-TRACE-id": {"t"}}, []byte("{}")))
	if e == nil || e.Code != "SlowDown" || e.TraceID != "t" {
		t.Errorf("error code and trace id headers: %+v", e)
	}
}

// A map that holds a known header under several spellings gives the same
// answer every time (a map has no order): the canonical spelling's value,
// else that of the spelling that sorts first.
func TestHeaderSpellings(t *testing.T) {
	cases := []struct {
		header map[string][]string
		want   string
	}{
		{map[string][]string{"x-cos-request-id": {"lower"}, "X-Cos-Request-Id": {"canonical"}, "X-COS-REQUEST-ID": {"upper"}}, "canonical"},
		{map[string][]string{"x-cos-request-id": {"lower"}, "X-COS-REQUEST-ID": {"upper"}, "x-COS-request-ID": {"mixed"}}, "upper"},
		// An empty value is no header (as for C) and hides none: the
		// non-empty spelling wins, before the next request-id header.
		{map[string][]string{"X-Cos-Request-Id": {""}, "x-cos-request-id": {"lower"}, "X-Ci-Request-Id": {"ci"}}, "lower"},
		{map[string][]string{"X-Cos-Request-Id": {"", "second"}, "x-cos-request-id": {"lower"}}, "second"},
		{map[string][]string{"X-Cos-Request-Id": {""}, "X-Ci-Request-Id": {"", ""}, "X-Img-Request-Id": {"img"}}, "img"},
	}
	for _, c := range cases {
		seen := map[string]int{}
		// Go starts each range over a map at a random place: 200 runs meet
		// every start among three keys, almost surely.
		for range 200 {
			e := details(ParseRaw(404, "HEAD", "", c.header, nil))
			if e == nil {
				t.Fatalf("%v: not an error", c.header)
			}
			seen[e.RequestID]++
		}
		if len(seen) != 1 || seen[c.want] != 200 {
			t.Errorf("%v: request ids %v, want %q every time", c.header, seen, c.want)
		}
	}
}
