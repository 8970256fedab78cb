#include <string.h>
#include "shim.h"

const char *const coserr_go_header_names[COSERR_GO_KNOWN_HEADERS] = {
	"x-cos-error-code", "x-cos-request-id", "x-ci-request-id", "x-img-request-id", "x-cos-trace-id",
	"date", "location", "x-cos-bucket-region",
};

void coserr_go_next_extra(const uint8_t *body, size_t body_len, coserr_go_extra *x) {
	x->before = x->it;
	x->rc = coserr_extras_next(body, body_len, &x->it, x->name, sizeof x->name, &x->name_len,
	                           x->value, sizeof x->value, &x->value_len);
}

uint32_t coserr_go_parse(coserr_go_request req, coserr_spans *out, char *text, size_t text_cap) {
	coserr_header h[COSERR_GO_KNOWN_HEADERS];
	uint32_t known[COSERR_GO_KNOWN_HEADERS];
	size_t n = 0;
	for (int i = 0; i < COSERR_GO_KNOWN_HEADERS; i++) {
		if (req.have & (1u << i)) {
			h[n].name = coserr_go_header_names[i];
			h[n].name_len = strlen(coserr_go_header_names[i]);
			h[n].value = req.value[i];
			h[n].value_len = req.value_len[i];
			known[n] = (uint32_t)i;
			n++;
		}
	}
	coserr_response r;
	r.status = req.status;
	r.method = req.method;
	r.method_len = req.method_len;
	r.url = req.url;
	r.url_len = req.url_len;
	r.headers = n ? h : NULL;
	r.header_count = n;
	r.body = req.body;
	r.body_len = req.body_len;
	uint32_t rc = coserr_parse_response_spans(&r, out, text, text_cap);
	coserr_span *s[8] = {&out->code,     &out->message,  &out->resource,    &out->request_id,
	                     &out->trace_id, &out->server_time, &out->location, &out->region};
	for (int i = 0; i < 8; i++) {
		if (s[i]->source == COSERR_SOURCE_HEADER && s[i]->header < n) {
			s[i]->header = known[s[i]->header];
		}
	}
	return rc;
}
