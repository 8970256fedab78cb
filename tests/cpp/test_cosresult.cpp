// Code written for cos-cpp-sdk-v5's qcloud_cos::CosResult reads the same:
// its getter names with its return types, giving the plain getters'
// values; and the display line and digest are the C library's.
#include "support.hpp"

#include <coserr.hpp>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <type_traits>

namespace {

// CosResult's types (include/op/cos_result.h): int status, std::string texts.
using coserr::Error;
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetHttpStatus()), int>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetErrorCode()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetErrorMsg()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetResourceAddr()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetXCosRequestId()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetXCosTraceId()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetServerTime()), std::string>);
static_assert(std::is_same_v<decltype(std::declval<const Error &>().GetXCosServerTime()), std::string>);

const support::HeaderPairs kHeaders = {{"x-cos-request-id", "NWNhYzEzZThfNGQ5ZTU4NjRfNmFhNV83YTZjOGY="},
                                       {"x-cos-trace-id", "OGVmYzZi"}};
const char *kUrl = "https://wechat-12567014540.cos.ap-chengdu.myqcloud.com/x.jpg";

TEST(CosResult, GettersEqualThePlainOnes) {
    for (const auto &path : support::shared_bodies()) {
        SCOPED_TRACE(path.filename().string());
        const std::string body = support::read_file(path);
        const auto e = coserr::parse_response(403, "GET", kUrl, kHeaders, body);
        ASSERT_TRUE(e);  // every 4xx is an error
        EXPECT_EQ(e->GetHttpStatus(), 403);
        EXPECT_EQ(e->GetHttpStatus(), e->status());
        EXPECT_EQ(e->GetErrorCode(), e->code());
        EXPECT_EQ(e->GetErrorMsg(), e->message());
        EXPECT_EQ(e->GetResourceAddr(), e->resource());
        EXPECT_EQ(e->GetXCosRequestId(), e->request_id());
        EXPECT_EQ(e->GetXCosTraceId(), e->trace_id());
        EXPECT_EQ(e->GetServerTime(), e->server_time());
        EXPECT_EQ(e->GetXCosServerTime(), e->server_time());
    }
    const auto e = coserr::parse_response(
        403, "GET", kUrl, kHeaders, support::sample("issues_cos-wx-sdk-v5_30_AccessDenied_ServerTime.xml"));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->GetErrorCode(), "AccessDenied");
    EXPECT_EQ(e->GetErrorMsg(), "Access Denied.");
    EXPECT_EQ(e->GetXCosRequestId(), "NWNhYzEzZThfNGQ5ZTU4NjRfNmFhNV83YTZjOGY=");
    EXPECT_EQ(e->GetServerTime(), "2019-04-09T03:39:20Z");
}

TEST(CosResult, DisplayAndDigestAreTheCLibrarys) {
    for (const auto &path : support::shared_bodies()) {
        SCOPED_TRACE(path.filename().string());
        const std::string body = support::read_file(path);
        coserr_error r;
        ASSERT_EQ(support::c_parse_response(404, "GET", kUrl, kHeaders, body, &r), COSERR_OK);
        const auto e = coserr::parse_response(404, "GET", kUrl, kHeaders, body);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->to_string(), support::c_format(r));
        EXPECT_EQ(e->to_json(), support::c_to_json(r));
    }
    const auto e = coserr::parse_body(support::sample("go_Test_IsNotFoundError.xml"));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->to_json(),
              R"({"code":"NoSuchKey","message":"The specified key does not exist.",)"
              R"("resource":"examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404",)"
              R"("requestid":"NjA3OGY4NGFfNjJkMmMwYl8***","traceid":"OGVmYzZiMmQzYjA2OWNh***",)"
              R"("status":0,"kind":"service","retry":"none"})");
    EXPECT_EQ(e->to_string().rfind("CosServiceError ", 0), 0u);
}

}  // namespace
