package coserr

import (
	"fmt"
	"math/rand"
	"net/http"
	"testing"
)

// TestCanonicalOf: Parse reads the known headers as resp.Header.Get does
// (the canonical key only, its first non-empty value), whichever way
// canonicalOf takes for the map's size (one pass up to eight entries,
// look-ups above), with names of the known headers' lengths among the
// others, other spellings and empty values.
func TestCanonicalOf(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	known := []string{"X-Cos-Error-Code", "X-Cos-Request-Id", "X-Ci-Request-Id", "X-Img-Request-Id",
		"X-Cos-Trace-Id", "Date", "Location", "X-Cos-Bucket-Region"}
	others := []string{"Content-Type", "Server", "x-cos-request-id", "X-COS-TRACE-ID", "X-Cos-Meta-Abcd",
		"X-Cos-Request-Ix", "Etag", "Dare", "Locatiom", "X-Cos-Bucket-Regiom", "Connection", "Content-Length"}
	for i := 0; i < 3000; i++ {
		h := http.Header{}
		for n := rng.Intn(20); len(h) < n; {
			names := known
			if rng.Intn(2) == 0 {
				names = others
			}
			name := names[rng.Intn(len(names))]
			var values []string
			for v := rng.Intn(3); v >= 0; v-- {
				if rng.Intn(3) == 0 {
					values = append(values, "")
				} else {
					values = append(values, fmt.Sprintf("%s-%d", name, rng.Intn(100)))
				}
			}
			h[name] = values
		}
		var r request
		r.canonicalOf(h)
		for k, name := range known {
			want := ""
			for _, v := range h.Values(name) {
				if v != "" {
					want = v
					break
				}
			}
			got := ""
			if r.have&(1<<k) != 0 {
				got = r.hv[k]
			}
			if got != want || (want == "") != (r.have&(1<<k) == 0) {
				t.Fatalf("%v: %s = %q (have %t), want %q", h, name, got, r.have&(1<<k) != 0, want)
			}
		}
	}
}
