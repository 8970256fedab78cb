package coserr

/*
#include "shim.h"

#cgo nocallback coserr_result_name
#cgo nocallback coserr_abi_version
*/
import "C"

import "unsafe"

// Results of the C functions (COSERR_OK ...).
const (
	resultOK         = 0
	resultNotAnError = 1
	resultNotFound   = 5
	resultTextNeeded = 6
)

// textCapacity is the size of the text buffer of
// coserr_parse_response_spans: every record's decoded texts fit.
const textCapacity = C.COSERR_TEXT_CAPACITY

// ResultName is coserr_result_name: "COSERR_OK"... for a C result code.
func ResultName(rc uint32) string { return staticString(C.coserr_result_name(C.uint32_t(rc))) }

// ABIVersion is coserr_abi_version: the C ABI version of the linked library.
func ABIVersion() uint32 { return uint32(C.coserr_abi_version()) }

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
	_ = uint(C.COSERR_FLAG_SERVER_CLOCK-int64(FlagServerClock)) + uint(int64(FlagServerClock)-C.COSERR_FLAG_SERVER_CLOCK)
	_ = uint(C.COSERR_FLAG_NOT_FROM_COS-int64(FlagNotFromCOS)) + uint(int64(FlagNotFromCOS)-C.COSERR_FLAG_NOT_FROM_COS)
	_ = uint(C.COSERR_FIELD_LOCATION-int64(FieldLocation)) + uint(int64(FieldLocation)-C.COSERR_FIELD_LOCATION)
	_ = uint(C.COSERR_FIELD_REGION-int64(FieldRegion)) + uint(int64(FieldRegion)-C.COSERR_FIELD_REGION)
	_ = uint(C.COSERR_RETRY_NONE-int64(RetryNone)) + uint(int64(RetryNone)-C.COSERR_RETRY_NONE)
	_ = uint(C.COSERR_RETRY_TRANSIENT-int64(RetryTransient)) + uint(int64(RetryTransient)-C.COSERR_RETRY_TRANSIENT)
	_ = uint(C.COSERR_RETRY_THROTTLE-int64(RetryThrottle)) + uint(int64(RetryThrottle)-C.COSERR_RETRY_THROTTLE)
	_ = uint(C.COSERR_RETRY_CLOCK_SKEW-int64(RetryClockSkew)) + uint(int64(RetryClockSkew)-C.COSERR_RETRY_CLOCK_SKEW)
	_ = uint(C.COSERR_RETRY_SWITCH_DOMAIN-int64(RetrySwitchDomain)) + uint(int64(RetrySwitchDomain)-C.COSERR_RETRY_SWITCH_DOMAIN)
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

// The layout of ABI version 2, as the header gives it to cgo, equals the
// one the C library was built with (the Rust side asserts the same
// numbers): a line fails to compile (constant overflows uint) when they
// differ. The members after server_time are the decisions of version 2.
const (
	_ = uint(unsafe.Sizeof(C.coserr_error{})-3704) + uint(3704-unsafe.Sizeof(C.coserr_error{}))
	_ = uint(unsafe.Alignof(C.coserr_error{})-8) + uint(8-unsafe.Alignof(C.coserr_error{}))
	_ = uint(unsafe.Offsetof(C.coserr_error{}.server_time)-2540) + uint(2540-unsafe.Offsetof(C.coserr_error{}.server_time))
	_ = uint(unsafe.Offsetof(C.coserr_error{}.retry)-2604) + uint(2604-unsafe.Offsetof(C.coserr_error{}.retry))
	_ = uint(unsafe.Offsetof(C.coserr_error{}.server_time_ms)-2608) + uint(2608-unsafe.Offsetof(C.coserr_error{}.server_time_ms))
	_ = uint(unsafe.Offsetof(C.coserr_error{}.location)-2616) + uint(2616-unsafe.Offsetof(C.coserr_error{}.location))
	_ = uint(unsafe.Offsetof(C.coserr_error{}.region)-3640) + uint(3640-unsafe.Offsetof(C.coserr_error{}.region))
	_ = uint(unsafe.Sizeof(C.coserr_spans{})-216) + uint(216-unsafe.Sizeof(C.coserr_spans{}))
	_ = uint(unsafe.Alignof(C.coserr_spans{})-8) + uint(8-unsafe.Alignof(C.coserr_spans{}))
	_ = uint(unsafe.Offsetof(C.coserr_spans{}.extras)-144) + uint(144-unsafe.Offsetof(C.coserr_spans{}.extras))
	_ = uint(unsafe.Offsetof(C.coserr_spans{}.location)-168) + uint(168-unsafe.Offsetof(C.coserr_spans{}.location))
	_ = uint(unsafe.Offsetof(C.coserr_spans{}.region)-184) + uint(184-unsafe.Offsetof(C.coserr_spans{}.region))
	_ = uint(unsafe.Offsetof(C.coserr_spans{}.retry)-200) + uint(200-unsafe.Offsetof(C.coserr_spans{}.retry))
	_ = uint(unsafe.Offsetof(C.coserr_spans{}.server_time_ms)-208) + uint(208-unsafe.Offsetof(C.coserr_spans{}.server_time_ms))
	// The text buffer tiles the eight texts' capacities:
	// 63 + 1023 + 1023 + 127 + 255 + 63 + 1023 + 63.
	_ = uint(textCapacity-3640) + uint(3640-textCapacity)
)
