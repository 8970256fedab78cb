package coserr

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// FromSDK is coserr's error for an error an SDK returned: a *ServiceError
// or *ClientError, or nil when err carries no answer coserr judged (nil, a
// network error, a client without the Transport, an answer that is no
// error by coserr's rules).
//
// The answer is found without importing any SDK, in err or any error it
// wraps (Unwrap() error or Unwrap() []error):
//
//   - a struct (or pointer to one) with a field Response of type
//     *http.Response, as cos-go-sdk-v5's *cos.ErrorResponse: the error is
//     the one the Transport judged for that response (DecisionOf);
//   - the error cos-go-sdk-v5's CompleteMultipartUpload makes of a 200
//     holding an <Error>, a plain error whose text is "response 200 OK, but
//     body contains an error, " and the body printed as decimal bytes
//     ("[60 69 ...]"): the bytes are taken back whole from the text and
//     judged as the 200 answer to a POST. The SDK keeps nothing else of
//     that answer, so its headers are lost: the ids are the body's (for
//     the header ids, DecisionOf on the response the SDK returned beside
//     the error).
func FromSDK(err error) error {
	for _, e := range chain(err) {
		if resp, ok := responseField(e); ok {
			d, judged := DecisionOf(resp)
			if !judged {
				return nil
			}
			return d.Err
		}
		if body, ok := bodyInText(e.Error()); ok {
			return ParseRaw(http.StatusOK, http.MethodPost, "", nil, body)
		}
	}
	return nil
}

// chain is err and every error it wraps, depth first.
func chain(err error) []error {
	var all []error
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		all = append(all, e)
		switch w := e.(type) {
		case interface{ Unwrap() error }:
			walk(w.Unwrap())
		case interface{ Unwrap() []error }:
			for _, inner := range w.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	return all
}

var responseType = reflect.TypeOf((*http.Response)(nil))

// responseField is the non-nil *http.Response held by e's field Response,
// when e is a struct or a pointer to one with such a field.
func responseField(e error) (*http.Response, bool) {
	v := reflect.ValueOf(e)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, false
	}
	f := v.FieldByName("Response")
	if !f.IsValid() || f.Type() != responseType || !f.CanInterface() || f.IsNil() {
		return nil, false
	}
	return f.Interface().(*http.Response), true
}

// errorIn200Prefix begins the text of the error cos-go-sdk-v5's
// CompleteMultipartUpload returns for a 200 without an ETag
// (object_part.go: fmt.Errorf("response 200 OK, but body contains an
// error, %v", buff.Bytes())).
const errorIn200Prefix = "response 200 OK, but body contains an error, "

// bodyInText takes back the body that fmt's %v printed into the SDK's
// error text: "[b1 b2 ...]", each byte in decimal. Anything else is not
// that error.
func bodyInText(text string) ([]byte, bool) {
	printed, ok := strings.CutPrefix(text, errorIn200Prefix)
	if !ok || len(printed) < 2 || printed[0] != '[' || printed[len(printed)-1] != ']' {
		return nil, false
	}
	printed = printed[1 : len(printed)-1]
	if printed == "" {
		return []byte{}, true
	}
	body := make([]byte, 0, len(printed)/3+1)
	for _, field := range strings.Split(printed, " ") {
		b, err := strconv.ParseUint(field, 10, 8)
		if err != nil {
			return nil, false
		}
		body = append(body, byte(b))
	}
	return body, true
}
