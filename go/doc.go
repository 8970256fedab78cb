// Package coserr turns the error answer of Tencent Cloud Object Storage
// (COS) — HTTP status, headers, body — into a Go error: a *ServiceError (the
// service answered and the operation failed) or a *ClientError (the answer
// could not be understood), through cgo over the coserr C library.
//
// The package builds against an installed coserr, found by pkg-config
// (coserr.pc): install the library (`make install PREFIX=/opt/coserr` in the
// coserr repository, or its release tarball), then
//
//	PKG_CONFIG_PATH=/opt/coserr/lib/pkgconfig go build
//
// No build tag is needed. The linker takes libcoserr.so when the prefix
// holds it beside libcoserr.a, so the program then needs libcoserr.so.2 on
// its loader path at run time (a system library directory,
// LD_LIBRARY_PATH, or an rpath). Inside the coserr repository the tag
// coserr_dev links the static library `make lib` builds instead (see
// README.md).
//
//	body, _ := io.ReadAll(resp.Body)
//	if err := coserr.Parse(resp, body); err != nil {
//		if coserr.IsNotFound(err) { ... }
//		var se *coserr.ServiceError
//		if errors.As(err, &se) { log.Print(se.Code, se.RequestID) }
//	}
//
// The decision rules (which responses are errors, header fallbacks, what a
// malformed body keeps) are those of the C library, written down in the
// repository's docs/semantics.md; the C calls follow docs/abi.md.
//
// Beyond parsing, every error carries the decisions COS SDKs each make from
// an answer, made once by the C library: Retry (RetryTransient,
// RetryThrottle, RetryClockSkew, RetrySwitchDomain or RetryNone; IsRetryable
// is true for the first two), ClockSkew (the service's clock, from the
// body's ServerTime or the Date header, minus the local one), FromCOS
// (whether any request id came), and Location and Region (the Location and
// x-cos-bucket-region headers).
//
// Parse returns nil for an answer that is no error (a 2xx, a 3xx without an
// <Error> body), yet such an answer has decisions too: a 302 without any
// request id did not come from COS, and a redirect's Location, the bucket's
// region and the Date are in its headers. Decide makes the same one parse
// and returns them as a Decision, whose Err is what Parse returns:
//
//	d := coserr.Decide(resp, body) // instead of Parse, not beside it
//	switch {
//	case d.Retry == coserr.RetrySwitchDomain: // a 3xx/5xx without any request id
//		retryOn(backupDomain)
//	case d.Err != nil:
//		return d.Err
//	case d.Location != "": // COS's own redirect
//		follow(d.Location, d.Region)
//	}
//
// An error's Decision() is the same Decision.
//
// With an SDK (cos-go-sdk-v5), give its http.Client coserr.Transport(base):
// it judges every error answer once and hands the SDK the same bytes, so
// the SDK behaves as before; FromSDK(err) then turns the SDK's error into
// coserr's, found through the *http.Response the SDK's error keeps (see
// Transport, FromSDK and DecisionOf; the package does not import the SDK).
//
// Every string an error holds is the whole value, every byte of it (NUL
// bytes included), however long: the C record's fixed arrays cut long
// values, the Go binding does not.
package coserr
