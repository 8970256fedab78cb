// The decisions (docs/decisions.md) through the C++ face, on hand-checked
// answers: the retry class, whether COS answered, the service's clock and
// the skew, Location and region.
#include "support.hpp"

#include <coserr.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

namespace {

using Headers = std::map<std::string, std::string>;
using namespace std::chrono_literals;

const std::string kSlowDown = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
const Headers kWithId = {{"x-cos-request-id", "NjE4YjY0ZDZf"}};
const Headers kNoId = {{"Server", "nginx"}};

TEST(Decisions, RetryClasses) {
    const auto throttle = coserr::parse_response(503, "PUT", "", kWithId, kSlowDown);
    ASSERT_TRUE(throttle);
    EXPECT_EQ(throttle->retry(), coserr::Retry::throttle);
    EXPECT_TRUE(throttle->retryable());
    EXPECT_TRUE(throttle->from_cos());

    // No request id anywhere: a gateway answered, not COS.
    const auto gateway = coserr::parse_response(502, "GET", "", kNoId, support::edge("html_502.html"));
    ASSERT_TRUE(gateway);
    EXPECT_TRUE(gateway->is_client());
    EXPECT_EQ(gateway->retry(), coserr::Retry::switch_domain);
    EXPECT_FALSE(gateway->retryable());
    EXPECT_FALSE(gateway->from_cos());
    EXPECT_NE(gateway->flags() & COSERR_FLAG_NOT_FROM_COS, 0u);

    const auto slow_no_id = coserr::parse_response(503, "PUT", "", kNoId, kSlowDown);
    ASSERT_TRUE(slow_no_id);
    EXPECT_EQ(slow_no_id->retry(), coserr::Retry::switch_domain);

    const auto skewed = coserr::parse_response(
        403, "GET", "", kWithId, "<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message></Error>");
    ASSERT_TRUE(skewed);
    EXPECT_EQ(skewed->retry(), coserr::Retry::clock_skew);
    EXPECT_FALSE(skewed->retryable());

    const auto timeout =
        coserr::parse_response(400, "PUT", "", kWithId, "<Error><Code>RequestTimeout</Code></Error>");
    ASSERT_TRUE(timeout);
    EXPECT_EQ(timeout->retry(), coserr::Retry::transient);

    const auto missing = coserr::parse_response(404, "GET", "", kWithId, "<Error><Code>NoSuchKey</Code></Error>");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->retry(), coserr::Retry::none);
}

TEST(Decisions, RetryNames) {
    EXPECT_EQ(coserr::retry_name(coserr::Retry::none), "none");
    EXPECT_EQ(coserr::retry_name(coserr::Retry::transient), "transient");
    EXPECT_EQ(coserr::retry_name(coserr::Retry::throttle), "throttle");
    EXPECT_EQ(coserr::retry_name(coserr::Retry::clock_skew), "clock_skew");
    EXPECT_EQ(coserr::retry_name(coserr::Retry::switch_domain), "switch_domain");
    EXPECT_EQ(coserr::retry_name(static_cast<coserr::Retry>(99)), "");
}

// 2019-04-09T03:39:20Z is Unix time 1554781160 (date -u -d @1554781160).
const std::chrono::system_clock::time_point kServerTime{1554781160s};

TEST(Decisions, ClockSkewFromServerTime) {
    const std::string body = support::sample("issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml");
    const auto e = coserr::parse_response(403, "PUT", "", Headers{}, body);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->server_time(), "2019-04-09T03:39:20Z");
    ASSERT_TRUE(e->server_clock());
    EXPECT_EQ(*e->server_clock(), kServerTime);
    // The local clock 90 s behind the service's: +90 s to add before signing.
    EXPECT_EQ(e->clock_skew(kServerTime - 90s), std::chrono::milliseconds(90000));
    EXPECT_EQ(e->clock_skew(kServerTime + 1500ms), std::chrono::milliseconds(-1500));
    // Only whole milliseconds of now count.
    EXPECT_EQ(e->clock_skew(kServerTime - 90s + 999us), std::chrono::milliseconds(90000));
    // The same through parse_body (the clock is the body's).
    const auto b = coserr::parse_body(body);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->clock_skew(kServerTime - 90s), std::chrono::milliseconds(90000));
}

TEST(Decisions, ClockFromDateHeaderOrUnknown) {
    const Headers dated = {{"Date", "Tue, 09 Apr 2019 03:39:20 GMT"}, {"x-cos-request-id", "NjE4YjY0ZDZf"}};
    const auto e = coserr::parse_response(403, "GET", "", dated, "<Error><Code>AccessDenied</Code></Error>");
    ASSERT_TRUE(e);
    ASSERT_TRUE(e->server_clock());
    EXPECT_EQ(*e->server_clock(), kServerTime);
    EXPECT_EQ(e->clock_skew(kServerTime - 2s), std::chrono::milliseconds(2000));

    const auto unknown = coserr::parse_response(404, "GET", "", kWithId, "<Error><Code>NoSuchKey</Code></Error>");
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->server_clock());
    EXPECT_FALSE(unknown->clock_skew(kServerTime));
}

TEST(Decisions, LocationAndRegion) {
    const Headers headers = {{"x-cos-request-id", "NjE4YjY0ZDZf"},
                             {"location", "https://b-1250000000.cos.ap-beijing.myqcloud.com/k"},
                             {"X-Cos-Bucket-Region", "ap-beijing"}};
    const auto e = coserr::parse_response(
        403, "GET", "", headers, "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->location(), "https://b-1250000000.cos.ap-beijing.myqcloud.com/k");
    EXPECT_EQ(e->region(), "ap-beijing");
    EXPECT_NE(e->present() & COSERR_FIELD_REGION, 0u);

    const auto none = coserr::parse_response(403, "GET", "", kWithId, "<Error><Code>AccessDenied</Code></Error>");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->location(), "");
    EXPECT_EQ(none->region(), "");
    EXPECT_EQ(none->present() & (COSERR_FIELD_LOCATION | COSERR_FIELD_REGION), 0u);
}

}  // namespace
