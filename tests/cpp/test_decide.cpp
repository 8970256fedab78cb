// coserr::decide: the decisions of any answer, error or not, from the one
// parse parse_response makes. Hand-checked answers (docs/decisions.md's
// rules), then every shared body held to parse_response and to the C record.
#include "support.hpp"

#include <coserr.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace {

using Headers = std::map<std::string, std::string>;
using namespace std::chrono_literals;

const Headers kNoId = {{"Server", "nginx"}};

TEST(Decide, RedirectWithoutRequestIdDidNotComeFromCos) {
    // A captive portal's 302: no request id anywhere, so not COS.
    const Headers portal = {{"Location", "http://portal.example/login"}, {"Server", "nginx"}};
    const coserr::Decision d = coserr::decide(302, "GET", "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k",
                                              portal, "");
    EXPECT_FALSE(d.error());
    EXPECT_EQ(d.status(), 302);
    EXPECT_EQ(d.retry(), coserr::Retry::switch_domain);
    EXPECT_EQ(d.retry_name(), "switch_domain");
    EXPECT_FALSE(d.retryable());  // another domain first, not the same request again
    EXPECT_FALSE(d.from_cos());
    EXPECT_EQ(d.location(), "http://portal.example/login");
    EXPECT_EQ(d.region(), "");
    EXPECT_FALSE(d.server_clock());
    EXPECT_FALSE(d.clock_skew(std::chrono::system_clock::time_point{}));
}

TEST(Decide, RedirectLocationLongerThanTheRecordIsWhole) {
    // 3000 bytes with a NUL byte in them: the C record keeps 1023.
    std::string location = "https://hijacked.example/";
    location += std::string("a\0b", 3);
    while (location.size() < 3000) {
        location += "p";
    }
    const Headers headers = {{"location", location}, {"X-Cos-Bucket-Region", "ap-beijing"}};
    const coserr::Decision d = coserr::decide(302, "GET", "", headers, "");
    EXPECT_FALSE(d.error());
    EXPECT_EQ(d.retry(), coserr::Retry::switch_domain);
    EXPECT_FALSE(d.from_cos());
    EXPECT_EQ(d.location().size(), 3000u);
    EXPECT_EQ(d.location(), location);
    EXPECT_EQ(d.region(), "ap-beijing");
    EXPECT_NE(d.record().truncated & COSERR_FIELD_LOCATION, 0u);  // C had to cut it
    EXPECT_EQ(support::text(d.record().location), "https://hijacked.example/a");
}

TEST(Decide, RedirectFromCosIsNoRetry) {
    // COS's own 301 (a bucket in another region): a request id, no retry.
    const Headers cos = {{"x-cos-request-id", "NjE4YjY0ZDZf"},
                         {"Location", "https://b-1250000000.cos.ap-beijing.myqcloud.com/k"},
                         {"x-cos-bucket-region", "ap-beijing"}};
    const coserr::Decision d = coserr::decide(301, "GET", "", cos, "");
    EXPECT_FALSE(d.error());
    EXPECT_EQ(d.status(), 301);
    EXPECT_EQ(d.retry(), coserr::Retry::none);
    EXPECT_EQ(d.retry_name(), "none");
    EXPECT_TRUE(d.from_cos());
    EXPECT_EQ(d.location(), "https://b-1250000000.cos.ap-beijing.myqcloud.com/k");
    EXPECT_EQ(d.region(), "ap-beijing");
}

TEST(Decide, NotModifiedWithoutRequestIdIsNoRetry) {
    // 304 is the one 3xx that says nothing about the domain.
    const coserr::Decision d = coserr::decide(304, "GET", "", kNoId, "");
    EXPECT_FALSE(d.error());
    EXPECT_EQ(d.status(), 304);
    EXPECT_EQ(d.retry(), coserr::Retry::none);
    EXPECT_FALSE(d.retryable());
    EXPECT_FALSE(d.from_cos());  // still no request id: the flag says so
}

TEST(Decide, SuccessWithDateHasTheServiceClock) {
    // Sun, 06 Nov 1994 08:49:37 GMT is Unix time 784111777
    // (date -u -d @784111777).
    const std::chrono::system_clock::time_point server{784111777s};
    const Headers headers = {{"Date", "Sun, 06 Nov 1994 08:49:37 GMT"}, {"x-cos-request-id", "NjE4YjY0ZDZf"}};
    const coserr::Decision d = coserr::decide(200, "GET", "", headers, "object bytes");
    EXPECT_FALSE(d.error());
    EXPECT_EQ(d.status(), 200);
    EXPECT_EQ(d.retry(), coserr::Retry::none);
    EXPECT_TRUE(d.from_cos());
    ASSERT_TRUE(d.server_clock());
    EXPECT_EQ(*d.server_clock(), server);
    // The local clock an hour ahead: -3600 s to add before signing.
    EXPECT_EQ(d.clock_skew(server + 1h), std::chrono::milliseconds(-3600000));
    EXPECT_EQ(d.clock_skew(server - 2500ms), std::chrono::milliseconds(2500));
}

void expect_same_error(const coserr::Error &a, const coserr::Error &b) {
    EXPECT_EQ(a.kind(), b.kind());
    EXPECT_EQ(a.status(), b.status());
    EXPECT_EQ(a.code(), b.code());
    EXPECT_EQ(a.message(), b.message());
    EXPECT_EQ(a.resource(), b.resource());
    EXPECT_EQ(a.request_id(), b.request_id());
    EXPECT_EQ(a.trace_id(), b.trace_id());
    EXPECT_EQ(a.server_time(), b.server_time());
    EXPECT_EQ(a.location(), b.location());
    EXPECT_EQ(a.region(), b.region());
    EXPECT_EQ(a.category(), b.category());
    EXPECT_EQ(a.retry(), b.retry());
    EXPECT_EQ(a.retryable(), b.retryable());
    EXPECT_EQ(a.code_id(), b.code_id());
    EXPECT_EQ(a.present(), b.present());
    EXPECT_EQ(a.from_header(), b.from_header());
    EXPECT_EQ(a.truncated(), b.truncated());
    EXPECT_EQ(a.flags(), b.flags());
    EXPECT_EQ(a.body_status(), b.body_status());
    EXPECT_EQ(a.body_offset(), b.body_offset());
    EXPECT_EQ(a.server_clock(), b.server_clock());
    EXPECT_EQ(a.extras(), b.extras());
    EXPECT_EQ(a.to_string(), b.to_string());
    EXPECT_EQ(a.to_json(), b.to_json());
}

/// The decisions of d are those of e, accessor by accessor.
void expect_decisions_of(const coserr::Decision &d, const coserr::Error &e) {
    EXPECT_EQ(d.status(), e.status());
    EXPECT_EQ(d.retry(), e.retry());
    EXPECT_EQ(d.retry_name(), e.retry_name());
    EXPECT_EQ(d.retryable(), e.retryable());
    EXPECT_EQ(d.from_cos(), e.from_cos());
    EXPECT_EQ(d.flags(), e.flags());
    EXPECT_EQ(d.location(), e.location());
    EXPECT_EQ(d.region(), e.region());
    EXPECT_EQ(d.server_clock(), e.server_clock());
    const std::chrono::system_clock::time_point now{1700000000s};
    EXPECT_EQ(d.clock_skew(now), e.clock_skew(now));
}

TEST(Decide, ErrorIsWhatParseResponseReturns) {
    const std::string body =
        "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
        "<RequestId>NjE4YjY0ZDZf</RequestId><TraceId>OGVmYzZi</TraceId><HostId>h1</HostId></Error>";
    const Headers headers = {{"x-cos-request-id", "NjE4YjY0ZDZf"},
                             {"Date", "Sun, 06 Nov 1994 08:49:37 GMT"},
                             {"x-cos-bucket-region", "ap-guangzhou"}};
    const std::string url = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k";
    const coserr::Decision d = coserr::decide(503, "PUT", url, headers, body);
    const auto e = coserr::parse_response(503, "PUT", url, headers, body);
    ASSERT_TRUE(e);
    ASSERT_TRUE(d.error());
    EXPECT_EQ(d.error()->code(), "SlowDown");
    EXPECT_EQ(d.retry(), coserr::Retry::throttle);
    EXPECT_TRUE(d.retryable());
    EXPECT_EQ(d.region(), "ap-guangzhou");
    expect_same_error(*d.error(), *e);
    expect_decisions_of(d, *e);
}

TEST(Decide, SharedBodiesAgreeWithParseResponseAndTheCRecord) {
    const support::HeaderPairs with_id = {{"x-cos-request-id", "NjE4YjY0ZDZf"},
                                          {"Location", "https://b-1250000000.cos.ap-beijing.myqcloud.com/k"},
                                          {"x-cos-bucket-region", "ap-beijing"},
                                          {"Date", "Sun, 06 Nov 1994 08:49:37 GMT"}};
    const support::HeaderPairs without_id = {{"Server", "nginx"}};
    const std::string url = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k";
    std::size_t answers = 0, errors = 0, non_errors = 0;
    for (const auto &path : support::shared_bodies()) {
        const std::string body = support::read_file(path);
        for (const int status : {0, 200, 302, 404, 503}) {
            for (const auto *headers : {&with_id, &without_id}) {
                SCOPED_TRACE(path.filename().string() + " at " + std::to_string(status) +
                             (headers == &with_id ? " with a request id" : " without"));
                ++answers;
                const coserr::Decision d = coserr::decide(status, "GET", url, *headers, body);
                const auto e = coserr::parse_response(status, "GET", url, *headers, body);
                coserr_error rec;
                const std::uint32_t rc = support::c_parse_response(status, "GET", url, *headers, body, &rec);
                ASSERT_TRUE(rc == COSERR_OK || rc == COSERR_NOT_AN_ERROR);
                ASSERT_EQ(d.error().has_value(), e.has_value());
                EXPECT_EQ(e.has_value(), rc == COSERR_OK);
                if (e) {
                    ++errors;
                    expect_same_error(*d.error(), *e);
                    expect_decisions_of(d, *e);
                } else {
                    ++non_errors;
                }
                // Against the C record, error or not.
                EXPECT_EQ(d.status(), static_cast<int>(rec.status));
                EXPECT_EQ(static_cast<std::uint32_t>(d.retry()), rec.retry);
                EXPECT_EQ(d.retryable(), rec.retryable != 0);
                EXPECT_EQ(d.flags(), rec.flags);
                EXPECT_EQ(d.from_cos(), (rec.flags & COSERR_FLAG_NOT_FROM_COS) == 0);
                EXPECT_EQ(d.location(), support::text(rec.location));
                EXPECT_EQ(d.region(), support::text(rec.region));
                EXPECT_EQ(d.server_clock().has_value(), (rec.flags & COSERR_FLAG_SERVER_CLOCK) != 0);
                if (d.server_clock()) {
                    EXPECT_EQ(d.server_clock()->time_since_epoch(), std::chrono::milliseconds(rec.server_time_ms));
                }
                if (headers == &with_id) {
                    EXPECT_TRUE(d.from_cos());
                    EXPECT_EQ(d.location(), "https://b-1250000000.cos.ap-beijing.myqcloud.com/k");
                    EXPECT_EQ(d.region(), "ap-beijing");
                    EXPECT_TRUE(d.server_clock());  // the body's ServerTime or the Date
                }
                if (!e) {
                    // No error has a code: only a 3xx other than 304 or a 5xx
                    // without any request id (the body's RequestId counts) changes domain.
                    const bool switch_domain = !d.from_cos() && (status == 302 || status == 503);
                    EXPECT_EQ(d.retry(), switch_domain ? coserr::Retry::switch_domain : coserr::Retry::none);
                }
            }
        }
    }
    EXPECT_EQ(answers, support::shared_bodies().size() * 10);
    EXPECT_GT(errors, 0u);
    EXPECT_GT(non_errors, 0u);
}

}  // namespace
