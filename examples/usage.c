/* The README's C example: parse one response, print the log line. */
#include <coserr.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    const char *body = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist."
                       "</Message><RequestId>NjE4YjY0ZDZfMjQ4OGY3MGFf</RequestId></Error>";
    const char *url = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.txt";
    coserr_header headers[] = {{"X-Cos-Trace-Id", 14, "OGVmYzZiMmQzYjA2OWNh", 20}};
    coserr_response resp = {.status = 404, .method = "GET", .method_len = 3,
                            .url = url, .url_len = strlen(url),
                            .headers = headers, .header_count = 1,
                            .body = (const uint8_t *)body, .body_len = strlen(body)};
    coserr_error err; /* fixed size, no pointers: nothing to free */
    uint32_t rc = coserr_parse_response(&resp, &err);
    if (rc != COSERR_OK) {
        printf("%s\n", coserr_result_name(rc)); /* COSERR_NOT_AN_ERROR, ... */
        return rc == COSERR_NOT_AN_ERROR ? 0 : 1;
    }
    char line[512];
    coserr_format(&err, line, sizeof line); /* snprintf-like, always NUL-terminated */
    printf("%s\n", line);
    printf("not found: %s, retry: %s, request id: %s\n",
           err.category == COSERR_CATEGORY_NOT_FOUND ? "yes" : "no", coserr_retry_name(err.retry),
           err.request_id);
    return 0;
}
