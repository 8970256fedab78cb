package coserr

// #include <string.h>
// #include "shim.h"
import "C"

import "unsafe"

// staticString views a static NUL-terminated C string (the library's name
// tables, never freed) as a Go string, without copying.
func staticString(p *C.char) string {
	if p == nil {
		return ""
	}
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(p)))
}

// cbytes views C chars as bytes.
func cbytes(a []C.char) []byte {
	if len(a) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), len(a))
}

// statusOf is an HTTP status as C takes it: 0 (unknown) when out of range.
func statusOf(status int) C.uint32_t {
	if status < 0 || status > 0xFFFFFFFF {
		return 0
	}
	return C.uint32_t(status)
}

// strPtr is s as C reads it with its length: NULL for "".
func strPtr(s string) *C.char {
	if s == "" {
		return nil
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

// bytesPtr is b as C reads it with its length: NULL for no bytes.
func bytesPtr(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b)))
}
