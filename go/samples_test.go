package coserr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// ErrorResponse is cos-go-sdk-v5's error type (error.go), tags copied
// exactly; only its Response field (tagged xml:"-") is left out, as it
// plays no part in decoding.
type ErrorResponse struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string
	Message   string
	Resource  string
	RequestID string `header:"x-cos-request-id,omitempty" url:"-" xml:"RequestId,omitempty"`
	TraceID   string `xml:"TraceId,omitempty"`
}

// presence is ErrorResponse with pointer fields: encoding/xml allocates a
// field only when its element is there, so it tells absent from empty.
type presence struct {
	XMLName   xml.Name `xml:"Error"`
	Code      *string
	Message   *string
	Resource  *string
	RequestID *string `xml:"RequestId"`
	TraceID   *string `xml:"TraceId"`
}

// sharedDir is the project's read-only material (`../shared` beside the repo).
const sharedDir = "../../shared/cos"

// expectation is how coserr's answer to one body relates to encoding/xml's.
type expectation struct {
	status BodyStatus // coserr's verdict on the body
	kind   Kind       // what ParseRaw(400, ...) returns
	differ Fields     // fields whose value differs from encoding/xml's
	rule   string     // the rule of docs/semantics.md that makes them differ
	check  func(t *testing.T, e *ServiceError)
}

// Rules quoted by the table.
const (
	ruleClientMessage = "status ≥ 400 with a body that is NOT_XML, MALFORMED or NOT_ERROR_DOC is a client error whose message is the body as text, so nothing is lost (encoding/xml: \"\")"
	rulePartial       = "a body that fails part-way still yields the fields completed before the failure, marked partial; the message is the body as text"
	ruleNotErrorDoc   = "any root other than Error / ErrorResponse is NOT_ERROR_DOC"
	ruleJSON          = "a body starting with `{` is JSON; keys match case-insensitively ignoring _ and -, a number counts as its literal text (encoding/xml cannot read JSON)"
	ruleWrapped       = "the error element is the root `Error`, or the first direct child `Error` of a root `ErrorResponse` (encoding/xml's XMLName \"Error\" rejects the wrapper)"
	ruleFirstChild    = "each field is the FIRST direct child with that name; a repeat is an extra (encoding/xml keeps the last)"
	ruleDoctype       = "the reference is roxmltree, which rejects any DOCTYPE, so no entity is ever defined or expanded (encoding/xml ignores the DOCTYPE and fails on &x;)"
	ruleUTF8          = "the document must be UTF-8 (roxmltree); a Latin-1 byte is MALFORMED where it occurs"
	ruleNestedText    = "a field's value is the joined text of ALL descendant text nodes (encoding/xml skips the text of child elements)"
	ruleCapacity      = "the C record is fixed-size (message[1024], resource[1024], ...): it cuts a longer value at a UTF-8 boundary and sets its bit in truncated; the Go strings stay whole, as encoding/xml's"
	ruleTrailing      = "a well-formed XML 1.0 document has nothing but misc after the root (encoding/xml stops reading at the root's end)"
)

// bySample lists every body whose coserr verdict or fields are not simply
// "well-formed COS error, five fields equal to encoding/xml's". Every other
// file must be exactly that.
var bySample = map[string]expectation{
	// Not XML at all (NOT_XML) or not an error document.
	"samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_plain_text_body.txt": {
		status: BodyNotXML, kind: KindClient, differ: FieldMessage, rule: ruleClientMessage,
	},
	"samples/issues_PicGo_868_403_plaintext_nonxml.txt": {
		status: BodyNotXML, kind: KindClient, differ: FieldMessage, rule: ruleClientMessage,
	},
	"samples/go_TestObjectService_CompleteMultipartUpload_200NonXML_html_error_page.html": {
		status: BodyNotErrorDoc, kind: KindClient, differ: FieldMessage, rule: ruleNotErrorDoc + "; " + ruleClientMessage,
	},
	"edge/html_502.html": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: "HTML's unclosed <hr> is not well-formed XML; " + ruleClientMessage,
	},
	"samples/c_test_cos_status_parse_from_body_400_wrong_root.xml": {
		status: BodyNotErrorDoc, kind: KindClient, differ: FieldMessage, rule: ruleNotErrorDoc + "; " + ruleClientMessage,
	},
	"samples/c_test_cos_status_parse_from_body_400_mismatched_close.xml": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: "mismatched close tag; " + ruleClientMessage,
	},
	"samples/cpp_ObjectRespTest_ObjectTest_DeleteResult.xml": {
		status: BodyNotErrorDoc, kind: KindClient, differ: FieldMessage, rule: ruleNotErrorDoc + " (a per-key <Error> inside <DeleteResult> is not the response's error); " + ruleClientMessage,
	},
	"edge/leading_whitespace_keepalive_then_result.xml": {
		status: BodyNotErrorDoc, kind: KindClient, differ: FieldMessage, rule: "leading whitespace is skipped; " + ruleNotErrorDoc + "; " + ruleClientMessage,
	},
	// Empty bodies: both give nothing; coserr's verdict is EMPTY, a service
	// error whose ids would come from the headers.
	"edge/empty.txt":           {status: BodyEmpty, kind: KindService, rule: "status ≥ 400 with an EMPTY body is a service error, ids from headers"},
	"edge/whitespace_only.txt": {status: BodyEmpty, kind: KindService, rule: "leading ASCII whitespace is skipped, leaving D empty → EMPTY"},
	// Broken off part-way: both keep the fields completed before the break.
	"edge/truncated_after_code.xml": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: rulePartial,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "SlowDown")
			// No headers and no RequestId before the break: not from COS.
			expectEq(t, "Flags", e.Flags, FlagPartial|FlagNotFromCOS)
		},
	},
	"edge/truncated_mid_element.xml": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: rulePartial,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "NoSuchKey")
			expectEq(t, "Resource", e.Resource, "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a")
			// The RequestId broke off, and no header was given: not from COS.
			expectEq(t, "Flags", e.Flags, FlagPartial|FlagNotFromCOS)
		},
	},
	"samples/issues_PicGo_638_SignatureDoesNotMatch_StringToSign_FormatString_TRUNCATED.xml": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: rulePartial,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "SignatureDoesNotMatch")
			expectEq(t, "RequestID", e.RequestID, "NjA0NGFjMmFfZTViOTJhMDlfMjA0NDlfNzU0MzM4NQ==")
			expectEq(t, "Flags", e.Flags, FlagPartial)
		},
	},
	"edge/non_utf8_latin1.xml": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: ruleUTF8 + "; " + rulePartial,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "InvalidArgument")
			if !utf8.ValidString(e.Message) || !strings.Contains(e.Message, "caf\uFFFD") {
				t.Errorf("Message = %q, want the body as UTF-8 with U+FFFD for the Latin-1 byte", e.Message)
			}
		},
	},
	"edge/doctype_entity.xml": {
		status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: ruleDoctype + "; " + ruleClientMessage,
		check: func(t *testing.T, e *ServiceError) {
			if strings.Contains(e.Code, "EXPANDED") {
				t.Errorf("entity expanded: Code = %q", e.Code)
			}
		},
	},
	// Well-formed, but coserr reads more than encoding/xml.
	"samples/go_Test_CheckReponse_json.json": {
		status: BodyOK, kind: KindService, differ: FieldCode | FieldMessage | FieldRequestID, rule: ruleJSON,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "404")
			expectEq(t, "Message", e.Message, "404 NotFound")
			expectEq(t, "RequestID", e.RequestID, "requestid")
		},
	},
	"edge/json_ci_error.json": {
		status: BodyOK, kind: KindService, differ: FieldCode | FieldMessage | FieldRequestID, rule: ruleJSON,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "InvalidArgument")
			expectEq(t, "RequestID", e.RequestID, "r1")
		},
	},
	"edge/wrapped_ErrorResponse.xml": {
		status: BodyOK, kind: KindService, differ: FieldCode | FieldMessage | FieldResource | FieldRequestID | FieldTraceID, rule: ruleWrapped,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "InvalidArgument")
			expectEq(t, "RequestID", e.RequestID, "req1") // the inner one, not "outer"
		},
	},
	"bench/large_4KB.xml": {
		status: BodyOK, kind: KindService, rule: ruleCapacity,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Truncated", e.Truncated, FieldMessage|FieldResource)
			expectEq(t, "len(Message)", len(e.Message), 1373)
		},
	},
	"edge/duplicate_code.xml": {
		status: BodyOK, kind: KindService, differ: FieldCode, rule: ruleFirstChild,
		check: func(t *testing.T, e *ServiceError) {
			expectEq(t, "Code", e.Code, "First")
			expectEq(t, "Extras", e.Extras, []Extra{{Name: "Code", Value: "Second"}})
		},
	},
}

// byInline adds bodies the shared files do not cover.
var byInline = map[string]struct {
	body string
	expectation
}{
	"nested markup in a field": {
		"<Error><Code>A</Code><Message>a<b>c</b>d</Message></Error>",
		expectation{status: BodyOK, kind: KindService, differ: FieldMessage, rule: ruleNestedText,
			check: func(t *testing.T, e *ServiceError) { expectEq(t, "Message", e.Message, "acd") }},
	},
	"garbage after the root": {
		"<Error><Code>A</Code></Error>junk<",
		expectation{status: BodyMalformed, kind: KindClient, differ: FieldMessage, rule: ruleTrailing + "; " + rulePartial,
			check: func(t *testing.T, e *ServiceError) { expectEq(t, "Code", e.Code, "A") }},
	},
	"character references and CR LF": {
		"<Error><Code>A&#66;&#x43;</Code><Message>l1\r\nl2\rl3</Message></Error>",
		expectation{status: BodyOK, kind: KindService},
	},
}

func expectEq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !equalish(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func equalish(a, b any) bool {
	switch a := a.(type) {
	case []Extra:
		b := b.([]Extra)
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	return a == b
}

// sampleFiles lists every body under shared/cos (samples, edge, bench).
func sampleFiles(t testing.TB) []string {
	var files []string
	for _, dir := range []string{"samples", "edge", "bench"} {
		names, err := filepath.Glob(filepath.Join(sharedDir, dir, "*"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no files in %s/%s (run from go/ with ../shared beside the repository): %v", sharedDir, dir, err)
		}
		for _, n := range names {
			if filepath.Ext(n) != ".tsv" {
				files = append(files, n)
			}
		}
	}
	sort.Strings(files)
	return files
}

// TestSamplesAgainstEncodingXML decodes every shared body with coserr and
// with encoding/xml into cos-go-sdk-v5's ErrorResponse. For a well-formed
// COS error body the five fields must be equal, and Present must match the
// elements encoding/xml found; every difference is listed, with its rule
// (docs/semantics.md), in bySample / byInline.
func TestSamplesAgainstEncodingXML(t *testing.T) {
	seen := map[string]bool{}
	for _, path := range sampleFiles(t) {
		rel, _ := filepath.Rel(sharedDir, path)
		rel = filepath.ToSlash(rel)
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		exp, listed := bySample[rel]
		if !listed {
			exp = expectation{status: BodyOK, kind: KindService}
		}
		seen[rel] = true
		t.Run(rel, func(t *testing.T) { compareWithEncodingXML(t, body, exp) })
	}
	for rel := range bySample {
		if !seen[rel] {
			t.Errorf("bySample lists %s, which is not in %s", rel, sharedDir)
		}
	}
	for name, c := range byInline {
		t.Run("inline/"+name, func(t *testing.T) { compareWithEncodingXML(t, []byte(c.body), c.expectation) })
	}
}

func compareWithEncodingXML(t *testing.T, body []byte, exp expectation) {
	var want ErrorResponse
	xmlErr := xml.Unmarshal(body, &want)
	// Status 400, no headers, no URL: nothing but the body fills the fields.
	err := ParseRaw(400, "GET", "", nil, body)
	e := details(err)
	if e == nil {
		t.Fatalf("ParseRaw(400) = %v, want an error record", err)
	}
	if e.BodyStatus != exp.status || e.Kind != exp.kind {
		t.Fatalf("verdict %v/%v, want %v/%v (%s)", e.BodyStatus, e.Kind, exp.status, exp.kind, exp.rule)
	}
	if (exp.kind == KindClient) != errors.Is(err, ErrUnparseableResponse) {
		t.Errorf("ParseRaw returned %T", err)
	}
	got := [...]string{e.Code, e.Message, e.Resource, e.RequestID, e.TraceID}
	ref := [...]string{want.Code, want.Message, want.Resource, want.RequestID, want.TraceID}
	var differ Fields
	for i := range got {
		if got[i] != ref[i] {
			differ |= 1 << i
			if e.Truncated&(1<<i) != 0 && (got[i] == "" || !strings.HasPrefix(ref[i], got[i])) {
				t.Errorf("%s: truncated %q is not a prefix of encoding/xml's %q", fieldNames[i], got[i], ref[i])
			}
		}
	}
	if differ != exp.differ {
		for i := range got {
			if got[i] != ref[i] {
				t.Logf("%s: coserr %q, encoding/xml %q", fieldNames[i], got[i], ref[i])
			}
		}
		t.Fatalf("fields differing from encoding/xml: %q, want %q (encoding/xml error: %v)", differ, exp.differ, xmlErr)
	}
	if exp.differ != 0 || exp.status != BodyOK {
		t.Logf("by design (%s): differ=%q, encoding/xml error: %v", exp.rule, exp.differ, xmlErr)
	}
	if exp.status == BodyOK && bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n\ufeff"), []byte("<")) && exp.differ == 0 {
		// A well-formed COS error body: absent and empty must match too.
		var p presence
		if err := xml.Unmarshal(body, &p); err != nil {
			t.Fatalf("encoding/xml rejects a body coserr accepts: %v", err)
		}
		var present Fields
		for i, s := range [...]*string{p.Code, p.Message, p.Resource, p.RequestID, p.TraceID} {
			if s != nil {
				present |= 1 << i
			}
		}
		if got := e.Present &^ FieldServerTime; got != present {
			t.Errorf("Present = %q, encoding/xml found %q", got, present)
		}
	}
	if e.FromHeader != 0 {
		t.Errorf("FromHeader = %q without headers or URL", e.FromHeader)
	}
	if e.Kind == KindService && e.Body != string(body) {
		t.Errorf("Body is not the raw body")
	}
	if exp.check != nil {
		exp.check(t, e)
	}
}

// TestSamplesWithHeaders shows what encoding/xml alone cannot: the header
// fallback on the samples that need it.
func TestSamplesWithHeaders(t *testing.T) {
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(sharedDir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	h := http.Header{}
	h.Set("X-Cos-Request-Id", "hdr-req")
	h.Set("X-Cos-Trace-Id", "hdr-trace")
	const u = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k"

	// Empty Resource / RequestId / TraceId elements never wipe out a header
	// or the URL: the header and URL fill them, marked FromHeader.
	e := details(ParseRaw(403, "PUT", u, h, read("samples/issues_mozillazg-go-cos_2_SignatureDoesNotMatch_empty_elements.xml")))
	expectEq(t, "RequestID", e.RequestID, "hdr-req")
	expectEq(t, "TraceID", e.TraceID, "hdr-trace")
	expectEq(t, "Resource", e.Resource, u)
	expectEq(t, "FromHeader", e.FromHeader, FieldRequestID|FieldTraceID|FieldResource)
	expectEq(t, "Present", e.Present, FieldCode|FieldMessage|FieldResource|FieldRequestID|FieldTraceID)

	// The body's id wins when present; the disagreement is flagged.
	e = details(ParseRaw(404, "GET", u, h, read("samples/awsrust_s3_request_id_NoSuchKey.xml")))
	expectEq(t, "RequestID", e.RequestID, "incorrect-request-id")
	expectEq(t, "TraceID", e.TraceID, "hdr-trace") // absent in the body
	expectEq(t, "Resource", e.Resource, "/mybucket/myfoto.jpg")
	expectEq(t, "Flags", e.Flags, FlagIDsDisagree)
	expectEq(t, "FromHeader", e.FromHeader, FieldTraceID)
}
