package coserr

/*
#include "shim.h"

// None of these functions keeps a pointer after it returns or calls back into
// Go: the compiler may leave the buffers passed to them on the Go stack.
#cgo noescape coserr_go_next_extra
#cgo nocallback coserr_go_next_extra
#cgo noescape coserr_extras_next
#cgo nocallback coserr_extras_next
*/
import "C"

import "unsafe"

// Up to inlineExtras extras share the error's allocation (a 384-byte
// size class); up to manyInlineExtras (a 768-byte one, e.g. a CI error
// listing a dozen checks) too, in a larger variant.
const (
	inlineExtras     = 4
	manyInlineExtras = 16
)

// serviceErrorExtras is a ServiceError allocated with room for its extras.
type serviceErrorExtras struct {
	ServiceError
	extras [inlineExtras]Extra
}

// serviceErrorManyExtras is serviceErrorExtras with room for more.
type serviceErrorManyExtras struct {
	ServiceError
	extras [manyInlineExtras]Extra
}

// newServiceError allocates a ServiceError with room for n extras: in the
// same allocation unless they are very many.
func newServiceError(n int) *ServiceError {
	switch {
	case n == 0:
		return new(ServiceError)
	case n <= inlineExtras:
		w := new(serviceErrorExtras)
		w.Extras = w.extras[:n:n]
		return &w.ServiceError
	case n <= manyInlineExtras:
		w := new(serviceErrorManyExtras)
		w.Extras = w.extras[:n:n]
		return &w.ServiceError
	}
	e := new(ServiceError)
	e.Extras = make([]Extra, n)
	return e
}

// extraSpan is one extra in fetchExtras's buffer: its name, then its value.
type extraSpan struct{ nameLen, valueLen int }

// fetchExtras appends the extras of body from the iterator it on, to the
// last, to xbuf (name, then value, whole: NUL bytes included) and spans:
// one cgo call per extra (coserr_extras_next, which never parses the body
// again). An extra cut to the shim's arrays is read again at full length
// from the iterator before it.
func fetchExtras(body []byte, it C.coserr_extras_iter, xbuf []byte, spans []extraSpan) ([]byte, []extraSpan) {
	var x C.coserr_go_extra
	x.it = it
	for {
		if C.coserr_go_next_extra(bytesPtr(body), C.size_t(len(body)), &x); x.rc != resultOK {
			break
		}
		nameLen, valueLen := int(x.name_len), int(x.value_len)
		if nameLen < len(x.name) && valueLen < len(x.value) {
			xbuf = append(xbuf, cbytes(x.name[:nameLen])...)
			xbuf = append(xbuf, cbytes(x.value[:valueLen])...)
		} else {
			name, value := make([]byte, nameLen+1), make([]byte, valueLen+1)
			it := x.before
			if C.coserr_extras_next(bytesPtr(body), C.size_t(len(body)), &it,
				(*C.char)(unsafe.Pointer(&name[0])), C.size_t(len(name)), nil,
				(*C.char)(unsafe.Pointer(&value[0])), C.size_t(len(value)), nil) != resultOK {
				break
			}
			xbuf = append(xbuf, name[:nameLen]...)
			xbuf = append(xbuf, value[:valueLen]...)
		}
		spans = append(spans, extraSpan{nameLen, valueLen})
	}
	return xbuf, spans
}
