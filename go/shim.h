// The C glue of the Go binding: what Go cannot do itself across cgo without
// putting C structs that hold pointers into Go memory.
#ifndef COSERR_GO_SHIM_H
#define COSERR_GO_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include "coserr.h"

// The headers coserr reads, in the core's order (x-cos-error-code,
// x-cos-request-id, x-ci-request-id, x-img-request-id, x-cos-trace-id,
// date, location, x-cos-bucket-region): the one list of their names, which
// Go reads at start-up.
enum { COSERR_GO_KNOWN_HEADERS = 8 };
extern const char *const coserr_go_header_names[COSERR_GO_KNOWN_HEADERS];

// One step of the one-pass extras iteration (coserr_extras_begin /
// coserr_extras_next), as a pointer-free Go value: the iterator before and
// after the extra in name/value (the copy before lets Go read a cut extra
// again at full length), and the extra itself, cut to the arrays.
typedef struct coserr_go_extra {
	coserr_extras_iter before, it;
	size_t name_len, value_len; // full lengths
	uint32_t rc;                // COSERR_OK: name/value hold an extra; else none is left
	char name[256];
	char value[1024];
} coserr_go_extra;

// Moves x to the next extra of body.
void coserr_go_next_extra(const uint8_t *body, size_t body_len, coserr_go_extra *x);

// The response Go passes, by value (the pointers in it are into Go
// memory, which a struct passed by pointer may not hold): the known
// headers' values (bit i of have: header i is there, with value[i], the
// first non-empty value of its name: C skips an empty one anyway) and the
// other inputs.
typedef struct coserr_go_request {
	uint32_t status;
	uint32_t have;
	const char *method;
	size_t method_len;
	const char *url;
	size_t url_len;
	const char *value[COSERR_GO_KNOWN_HEADERS];
	size_t value_len[COSERR_GO_KNOWN_HEADERS];
	const uint8_t *body;
	size_t body_len;
} coserr_go_request;

// coserr_parse_response_spans with the coserr_header array built here, on
// the C stack, from the headers Go found: the coserr_response and
// coserr_header structs never live in Go memory. A span into a header
// names it by its index among the known headers (Go's request.hv), not in
// that array. text is (NULL, 0) or a text buffer of Go memory.
uint32_t coserr_go_parse(coserr_go_request req, coserr_spans *out, char *text, size_t text_cap);

#endif
