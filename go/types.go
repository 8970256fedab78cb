package coserr

/*
#include "shim.h"

#cgo nocallback coserr_code_name
*/
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

var kindNames = [...]string{"none", "service", "client"}

func (k Kind) String() string { return enumName(kindNames[:], uint32(k), "Kind") }

// BodyStatus is the verdict on a body: COSERR_BODY_*.
type BodyStatus uint32

// The body verdicts.
const (
	BodyOK          BodyStatus = 0 // an XML or JSON error document
	BodyEmpty       BodyStatus = 1 // nothing but a BOM and whitespace
	BodyNotXML      BodyStatus = 2 // neither XML nor JSON (plain text, HTML fragments...)
	BodyMalformed   BodyStatus = 3 // XML or JSON that is not well-formed (see BodyOffset)
	BodyNotErrorDoc BodyStatus = 4 // well-formed, but its root is not Error or ErrorResponse
)

var bodyStatusNames = [...]string{"ok", "empty", "not_xml", "malformed", "not_error_doc"}

func (s BodyStatus) String() string { return enumName(bodyStatusNames[:], uint32(s), "BodyStatus") }

// Category is what kind of failure the status and code describe:
// COSERR_CATEGORY_*, the Rust core's Category.
type Category uint32

// The categories.
const (
	CategoryOther          Category = 0 // none of the others, or nothing to go on
	CategoryNotFound       Category = 1 // the bucket, object, upload, version... does not exist
	CategoryAccessAuth     Category = 2 // credentials, signature, clock skew, permissions, account
	CategoryConflict       Category = 3 // the request conflicts with the resource's state
	CategoryPrecondition   Category = 4 // a conditional request's condition did not hold
	CategoryThrottled      Category = 5 // too many requests: slow down and retry
	CategoryInvalidRequest Category = 6 // the request is wrong as sent
	CategoryServer         Category = 7 // the service failed
	CategoryRedirect       Category = 8 // the resource is elsewhere (3xx other than 304)
)

// categoryNames are the core's Category::name() strings.
var categoryNames = [...]string{
	"other", "not-found", "access-auth", "conflict", "precondition",
	"throttled", "invalid-request", "server", "redirect",
}

// String is the category's stable name, as the Rust core names it:
// "other", "not-found", "access-auth", ...
func (c Category) String() string { return enumName(categoryNames[:], uint32(c), "Category") }

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
	FieldLocation   Fields = 64  // the Location header (never in a body)
	FieldRegion     Fields = 128 // the x-cos-bucket-region header (never in a body)
)

var fieldNames = [...]string{"Code", "Message", "Resource", "RequestId", "TraceId", "ServerTime", "Location", "Region"}

// Has reports whether every field of f2 is in f.
func (f Fields) Has(f2 Fields) bool { return f&f2 == f2 }

// String lists the fields, e.g. "Code|RequestId"; "" for none.
func (f Fields) String() string { return bitNames(fieldNames[:], uint32(f), "Fields") }

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
	// FlagServerClock: the service's clock is known (ServiceError.ServerClock),
	// from the body's ServerTime, else the Date header.
	FlagServerClock Flags = 4
	// FlagNotFromCOS: no request id anywhere (no non-empty x-cos-request-id,
	// x-ci-request-id or x-img-request-id header, no RequestId in the
	// body): the answer did not come from COS. Never set by ParseBody,
	// which has no headers to judge.
	FlagNotFromCOS Flags = 8
)

var flagNames = [...]string{"partial", "ids_disagree", "server_clock", "not_from_cos"}

// Has reports whether every flag of f2 is in f.
func (f Flags) Has(f2 Flags) bool { return f&f2 == f2 }

// String lists the flags, e.g. "partial|ids_disagree"; "" for none.
func (f Flags) String() string { return bitNames(flagNames[:], uint32(f), "Flags") }

// Retry says what retrying can do for an answer: COSERR_RETRY_*, decided
// by the C library from the status, the code, the message and whether a
// request id came.
type Retry uint32

// The retry classes.
const (
	RetryNone         Retry = 0 // retrying as is will not help
	RetryTransient    Retry = 1 // the service failed; retry with backoff
	RetryThrottle     Retry = 2 // too many requests; retry with a longer backoff
	RetryClockSkew    Retry = 3 // the local clock is off: correct it (ClockSkew), sign again, then retry
	RetrySwitchDomain Retry = 4 // the answer did not come from COS: retry on the backup domain
)

// retryNames are coserr_retry_name's strings.
var retryNames = [...]string{"none", "transient", "throttle", "clock_skew", "switch_domain"}

// String is the class's stable name, as coserr_retry_name and the JSON
// digest's "retry" give it: "none", "transient", "throttle", "clock_skew",
// "switch_domain".
func (r Retry) String() string { return enumName(retryNames[:], uint32(r), "Retry") }

// CodeID is a code's entry in COS's error-code table (shared/cos/error_codes.tsv);
// 0 for a code the table does not know (its text is kept in Code either way).
type CodeID uint32

// CodeUnknown is the CodeID of a code outside the table.
const CodeUnknown CodeID = 0

// Known reports whether the code is in the table.
func (c CodeID) Known() bool { return c != CodeUnknown }

// String is coserr_code_name: the code as COS spells it.
func (c CodeID) String() string { return staticString(C.coserr_code_name(C.uint32_t(c))) }

// enumName is names[v], or "Type(v)" for a value without a name.
func enumName(names []string, v uint32, typ string) string {
	if uint64(v) < uint64(len(names)) {
		return names[v]
	}
	return typ + "(" + strconv.FormatUint(uint64(v), 10) + ")"
}

// bitNames lists the names of the bits set in v (bit i is names[i]),
// joined by "|", then "Type(rest)" for the bits without a name.
func bitNames(names []string, v uint32, typ string) string {
	var list []string
	for i, n := range names {
		if v&(1<<i) != 0 {
			list = append(list, n)
		}
	}
	if rest := v &^ (1<<len(names) - 1); rest != 0 {
		list = append(list, typ+"("+strconv.FormatUint(uint64(rest), 10)+")")
	}
	return strings.Join(list, "|")
}
