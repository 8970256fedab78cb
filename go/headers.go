package coserr

// #include "shim.h"
import "C"

import (
	"math/bits"
	"net/textproto"
)

// knownHeaders is the number of headers coserr reads; the C library looks
// at no other, so Go passes only these.
const knownHeaders = C.COSERR_GO_KNOWN_HEADERS

// knownHeaderNames are their names, lowercase, in the core's order (index k
// is bit k of request.have): shim.c's list, the one place they are written.
var knownHeaderNames = func() (names [knownHeaders]string) {
	for k := range names {
		names[k] = C.GoString(C.coserr_go_header_names[k])
	}
	return names
}()

// canonicalHeaders are the same names as net/http stores them
// (textproto.CanonicalMIMEHeaderKey), in the same order.
var canonicalHeaders = func() (names [knownHeaders]string) {
	for k, n := range knownHeaderNames {
		names[k] = textproto.CanonicalMIMEHeaderKey(n)
	}
	return names
}()

// knownHeader is the index of the header called name (any ASCII case) among
// the known headers, or -1.
func knownHeader(name string) int {
	for k, known := range knownHeaderNames {
		if len(name) == len(known) && asciiFold(name, known) {
			return k
		}
	}
	return -1
}

// asciiFold reports whether s equals lower (lowercase ASCII, same length)
// without regard to ASCII case, as the C library compares header names
// (strings.EqualFold would also fold non-ASCII letters such as the Kelvin
// sign).
func asciiFold(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// canonicalOf finds the known headers in header as net/http stores it
// (names in canonical form), as resp.Header.Get reads them. A map of up to
// eight entries (one group, no hash index) is read in one pass, each name
// matched by its length first (canonicalByLen): eight look-ups would each
// compare the key against every entry. A larger map gets the look-ups,
// which cost less there than a pass.
func (r *request) canonicalOf(header map[string][]string) {
	if len(header) > canonicalScanMax {
		for k, name := range canonicalHeaders {
			if v := firstNonEmpty(header[name]); v != "" {
				r.have |= 1 << k
				r.hv[k] = v
			}
		}
		return
	}
	for name, values := range header {
		if len(name) >= len(canonicalByLen) {
			continue
		}
		for cand := canonicalByLen[len(name)]; cand != 0; cand &= cand - 1 {
			k := bits.TrailingZeros8(cand)
			if name != canonicalHeaders[k] {
				continue
			}
			if v := firstNonEmpty(values); v != "" {
				r.have |= 1 << k
				r.hv[k] = v
			}
			break
		}
	}
}

// canonicalScanMax is the largest map canonicalOf reads in one pass: a
// map of up to eight entries is one group of slots without a hash index.
const canonicalScanMax = 8

// canonicalByLen[n] has bit k set when canonicalHeaders[k] is n bytes long.
var canonicalByLen = func() (byLen [32]uint8) {
	for k, name := range canonicalHeaders {
		byLen[len(name)] |= 1 << k
	}
	return byLen
}()

// findHeaders finds the known headers in one pass over the map, in any
// case: the first non-empty value of each.
//
// C takes the first non-empty entry of a name in its list, but a map has
// no order: a map that holds one header under several spellings (net/http
// never makes one) would give a different answer from run to run. The
// spelling that wins, among those with a non-empty value, is fixed instead
// (preferredSpelling).
func (r *request) findHeaders(header map[string][]string) {
	var from [knownHeaders]string // the key each value was taken from
	for name, values := range header {
		k := knownHeader(name)
		if k < 0 || r.have&(1<<k) != 0 && !preferredSpelling(name, from[k], k) {
			continue
		}
		if v := firstNonEmpty(values); v != "" {
			r.have |= 1 << k
			r.hv[k] = v
			from[k] = name
		}
	}
}

// firstNonEmpty is the first of values that is not empty, or "": for C an
// empty header is no header, and hides none after it.
func firstNonEmpty(values []string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// preferredSpelling reports whether key name wins over key have, two
// spellings of known header k: the canonical one (as net/http stores it,
// the one Parse and Header.Get read), else the one that sorts first.
func preferredSpelling(name, have string, k int) bool {
	if have == canonicalHeaders[k] {
		return false
	}
	return name == canonicalHeaders[k] || name < have
}
