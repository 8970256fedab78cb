package coserr

// #include <stdint.h>
// #include "coserr.h"
import "C"

import (
	"strconv"
	"strings"
)

// Kind says what a response is: COSERR_KIND_*.
type Kind uint32

// The kinds of response.
const (
	KindNone    Kind = 0 // not an error
	KindService Kind = 1 // *ServiceError
	KindClient  Kind = 2 // *ClientError
)

func (k Kind) String() string {
	switch k {
	case KindNone:
		return "none"
	case KindService:
		return "service"
	case KindClient:
		return "client"
	}
	return "Kind(" + itoa(uint32(k)) + ")"
}

// BodyStatus is the verdict on a body: COSERR_BODY_*.
type BodyStatus uint32

// The body verdicts (DESIGN §2).
const (
	BodyOK          BodyStatus = 0 // an XML or JSON error document
	BodyEmpty       BodyStatus = 1 // nothing but a BOM and whitespace
	BodyNotXML      BodyStatus = 2 // neither XML nor JSON (plain text, HTML fragments...)
	BodyMalformed   BodyStatus = 3 // XML or JSON that is not well-formed (see BodyOffset)
	BodyNotErrorDoc BodyStatus = 4 // well-formed, but its root is not Error or ErrorResponse
)

func (s BodyStatus) String() string {
	switch s {
	case BodyOK:
		return "ok"
	case BodyEmpty:
		return "empty"
	case BodyNotXML:
		return "not_xml"
	case BodyMalformed:
		return "malformed"
	case BodyNotErrorDoc:
		return "not_error_doc"
	}
	return "BodyStatus(" + itoa(uint32(s)) + ")"
}

// Category is what kind of failure the status and code describe:
// COSERR_CATEGORY_*.
type Category uint32

// The categories.
const (
	CategoryOther          Category = 0
	CategoryNotFound       Category = 1
	CategoryAccessAuth     Category = 2
	CategoryConflict       Category = 3
	CategoryPrecondition   Category = 4
	CategoryThrottled      Category = 5
	CategoryInvalidRequest Category = 6
	CategoryServer         Category = 7
	CategoryRedirect       Category = 8
)

var categoryNames = [...]string{
	"other", "not_found", "access_auth", "conflict", "precondition",
	"throttled", "invalid_request", "server", "redirect",
}

func (c Category) String() string {
	if int(c) < len(categoryNames) {
		return categoryNames[c]
	}
	return "Category(" + itoa(uint32(c)) + ")"
}

// Fields is a set of record fields, a bit each: COSERR_FIELD_*.
type Fields uint32

// The fields.
const (
	FieldCode       Fields = 1
	FieldMessage    Fields = 2
	FieldResource   Fields = 4
	FieldRequestID  Fields = 8
	FieldTraceID    Fields = 16
	FieldServerTime Fields = 32
)

var fieldNames = [...]string{"Code", "Message", "Resource", "RequestId", "TraceId", "ServerTime"}

// Has reports whether every field of f2 is in f.
func (f Fields) Has(f2 Fields) bool { return f&f2 == f2 }

// String lists the fields, e.g. "Code|RequestId"; "" for none.
func (f Fields) String() string {
	var names []string
	for i, n := range fieldNames {
		if f&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if rest := f &^ (1<<len(fieldNames) - 1); rest != 0 {
		names = append(names, "Fields("+itoa(uint32(rest))+")")
	}
	return strings.Join(names, "|")
}

// Flags are facts about how the record was put together: COSERR_FLAG_*.
type Flags uint32

// The flags.
const (
	// FlagPartial: the body broke off (malformed or truncated); the fields
	// completed before the break are kept.
	FlagPartial Flags = 1
	// FlagIDsDisagree: the body's request id or trace id differs from the
	// header's (the body's is kept).
	FlagIDsDisagree Flags = 2
)

// Has reports whether every flag of f2 is in f.
func (f Flags) Has(f2 Flags) bool { return f&f2 == f2 }

// String lists the flags, e.g. "partial|ids_disagree"; "" for none.
func (f Flags) String() string {
	var names []string
	if f&FlagPartial != 0 {
		names = append(names, "partial")
	}
	if f&FlagIDsDisagree != 0 {
		names = append(names, "ids_disagree")
	}
	if rest := f &^ (FlagPartial | FlagIDsDisagree); rest != 0 {
		names = append(names, "Flags("+itoa(uint32(rest))+")")
	}
	return strings.Join(names, "|")
}

// CodeID is a code's entry in COS's error-code table (shared/cos/error_codes.tsv);
// 0 for a code the table does not know (its text is kept in Code either way).
type CodeID uint32

// CodeUnknown is the CodeID of a code outside the table.
const CodeUnknown CodeID = 0

// Known reports whether the code is in the table.
func (c CodeID) Known() bool { return c != CodeUnknown }

// String is coserr_code_name: the code as COS spells it.
func (c CodeID) String() string { return staticString(C.coserr_code_name(C.uint32_t(c))) }

func itoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

// headerABIVersion is the COSERR_ABI_VERSION of the header the package was
// compiled against; ABIVersion() is the linked library's.
const headerABIVersion = C.COSERR_ABI_VERSION

// The Go constants equal the header's: a line fails to compile (constant
// overflows uint) when they differ.
const (
	_ = uint(C.COSERR_OK-int64(resultOK)) + uint(int64(resultOK)-C.COSERR_OK)
	_ = uint(C.COSERR_NOT_AN_ERROR-int64(resultNotAnError)) + uint(int64(resultNotAnError)-C.COSERR_NOT_AN_ERROR)
	_ = uint(C.COSERR_NOT_FOUND-int64(resultNotFound)) + uint(int64(resultNotFound)-C.COSERR_NOT_FOUND)
	_ = uint(C.COSERR_KIND_NONE-int64(KindNone)) + uint(int64(KindNone)-C.COSERR_KIND_NONE)
	_ = uint(C.COSERR_KIND_SERVICE-int64(KindService)) + uint(int64(KindService)-C.COSERR_KIND_SERVICE)
	_ = uint(C.COSERR_KIND_CLIENT-int64(KindClient)) + uint(int64(KindClient)-C.COSERR_KIND_CLIENT)
	_ = uint(C.COSERR_BODY_OK-int64(BodyOK)) + uint(int64(BodyOK)-C.COSERR_BODY_OK)
	_ = uint(C.COSERR_BODY_EMPTY-int64(BodyEmpty)) + uint(int64(BodyEmpty)-C.COSERR_BODY_EMPTY)
	_ = uint(C.COSERR_BODY_NOT_XML-int64(BodyNotXML)) + uint(int64(BodyNotXML)-C.COSERR_BODY_NOT_XML)
	_ = uint(C.COSERR_BODY_MALFORMED-int64(BodyMalformed)) + uint(int64(BodyMalformed)-C.COSERR_BODY_MALFORMED)
	_ = uint(C.COSERR_BODY_NOT_ERROR_DOC-int64(BodyNotErrorDoc)) + uint(int64(BodyNotErrorDoc)-C.COSERR_BODY_NOT_ERROR_DOC)
	_ = uint(C.COSERR_FIELD_CODE-int64(FieldCode)) + uint(int64(FieldCode)-C.COSERR_FIELD_CODE)
	_ = uint(C.COSERR_FIELD_MESSAGE-int64(FieldMessage)) + uint(int64(FieldMessage)-C.COSERR_FIELD_MESSAGE)
	_ = uint(C.COSERR_FIELD_RESOURCE-int64(FieldResource)) + uint(int64(FieldResource)-C.COSERR_FIELD_RESOURCE)
	_ = uint(C.COSERR_FIELD_REQUEST_ID-int64(FieldRequestID)) + uint(int64(FieldRequestID)-C.COSERR_FIELD_REQUEST_ID)
	_ = uint(C.COSERR_FIELD_TRACE_ID-int64(FieldTraceID)) + uint(int64(FieldTraceID)-C.COSERR_FIELD_TRACE_ID)
	_ = uint(C.COSERR_FIELD_SERVER_TIME-int64(FieldServerTime)) + uint(int64(FieldServerTime)-C.COSERR_FIELD_SERVER_TIME)
	_ = uint(C.COSERR_FLAG_PARTIAL-int64(FlagPartial)) + uint(int64(FlagPartial)-C.COSERR_FLAG_PARTIAL)
	_ = uint(C.COSERR_FLAG_IDS_DISAGREE-int64(FlagIDsDisagree)) + uint(int64(FlagIDsDisagree)-C.COSERR_FLAG_IDS_DISAGREE)
	_ = uint(C.COSERR_CATEGORY_OTHER-int64(CategoryOther)) + uint(int64(CategoryOther)-C.COSERR_CATEGORY_OTHER)
	_ = uint(C.COSERR_CATEGORY_NOT_FOUND-int64(CategoryNotFound)) + uint(int64(CategoryNotFound)-C.COSERR_CATEGORY_NOT_FOUND)
	_ = uint(C.COSERR_CATEGORY_ACCESS_AUTH-int64(CategoryAccessAuth)) + uint(int64(CategoryAccessAuth)-C.COSERR_CATEGORY_ACCESS_AUTH)
	_ = uint(C.COSERR_CATEGORY_CONFLICT-int64(CategoryConflict)) + uint(int64(CategoryConflict)-C.COSERR_CATEGORY_CONFLICT)
	_ = uint(C.COSERR_CATEGORY_PRECONDITION-int64(CategoryPrecondition)) + uint(int64(CategoryPrecondition)-C.COSERR_CATEGORY_PRECONDITION)
	_ = uint(C.COSERR_CATEGORY_THROTTLED-int64(CategoryThrottled)) + uint(int64(CategoryThrottled)-C.COSERR_CATEGORY_THROTTLED)
	_ = uint(C.COSERR_CATEGORY_INVALID_REQUEST-int64(CategoryInvalidRequest)) + uint(int64(CategoryInvalidRequest)-C.COSERR_CATEGORY_INVALID_REQUEST)
	_ = uint(C.COSERR_CATEGORY_SERVER-int64(CategoryServer)) + uint(int64(CategoryServer)-C.COSERR_CATEGORY_SERVER)
	_ = uint(C.COSERR_CATEGORY_REDIRECT-int64(CategoryRedirect)) + uint(int64(CategoryRedirect)-C.COSERR_CATEGORY_REDIRECT)
	_ = uint(C.COSERR_CODE_UNKNOWN-int64(CodeUnknown)) + uint(int64(CodeUnknown)-C.COSERR_CODE_UNKNOWN)
)
