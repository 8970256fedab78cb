// Headers in any container of string pairs, read as the library reads
// them: names in any ASCII case, the first non-empty value of a name; the
// request id from x-cos-request-id, else x-ci-request-id, else
// x-img-request-id. And the verdicts that depend on status and headers
// only: a HEAD 404 without a body, a redirect that is no error.
#include "support.hpp"

#include <coserr.hpp>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

const std::string kBody = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist.</Message></Error>";
const std::string kUrl = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/";

template <class Headers>
void expect_ids_read(const Headers &headers) {
    const auto e = coserr::parse_response(404, "GET", kUrl, headers, kBody);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code(), "NoSuchBucket");
    EXPECT_EQ(e->request_id(), "NjE4YjY0ZDZfMjQ4OGY3MGFf");
    EXPECT_EQ(e->trace_id(), "OGVmYzZiMmQzYjA2OWNh");
    EXPECT_EQ(e->region(), "ap-guangzhou");
    EXPECT_EQ(e->resource(), kUrl);
    EXPECT_TRUE(e->from_cos());
}

TEST(Headers, EveryContainerOfStringPairs) {
    // std::map is how cos-cpp-sdk-v5 keeps response headers.
    expect_ids_read(std::map<std::string, std::string>{{"x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
                                                       {"x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"},
                                                       {"x-cos-bucket-region", "ap-guangzhou"}});
    expect_ids_read(std::unordered_map<std::string, std::string>{{"x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
                                                                 {"x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"},
                                                                 {"x-cos-bucket-region", "ap-guangzhou"}});
    expect_ids_read(std::vector<std::pair<std::string, std::string>>{{"X-Cos-Request-Id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
                                                                     {"X-COS-TRACE-ID", "OGVmYzZiMmQzYjA2OWNh"},
                                                                     {"X-Cos-Bucket-Region", "ap-guangzhou"}});
    expect_ids_read(std::vector<std::pair<std::string_view, std::string_view>>{
        {"x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
        {"x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"},
        {"x-cos-bucket-region", "ap-guangzhou"}});
    expect_ids_read(std::multimap<std::string, std::string>{{"x-cos-request-id", ""},
                                                            {"x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
                                                            {"x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"},
                                                            {"x-cos-bucket-region", "ap-guangzhou"}});
    const std::pair<const char *, const char *> array[] = {{"x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
                                                           {"x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"},
                                                           {"x-cos-bucket-region", "ap-guangzhou"}};
    expect_ids_read(array);
}

TEST(Headers, ManyHeadersBeyondTheStackArray) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (int i = 0; i < 40; ++i) {
        headers.emplace_back("x-filler-" + std::to_string(i), "v");
    }
    headers.emplace_back("x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf");
    headers.emplace_back("x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh");
    headers.emplace_back("x-cos-bucket-region", "ap-guangzhou");
    expect_ids_read(headers);
}

TEST(Headers, FirstNonEmptyValueAndRequestIdOrder) {
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    const auto id = [](const Pairs &headers) {
        const auto e = coserr::parse_response(404, "GET", kUrl, headers, kBody);
        return e ? e->request_id() : std::string("(no error)");
    };
    EXPECT_EQ(id({{"x-cos-request-id", ""}, {"X-Cos-Request-Id", "second"}}), "second");
    EXPECT_EQ(id({{"x-cos-request-id", "first"}, {"x-cos-request-id", "second"}}), "first");
    EXPECT_EQ(id({{"x-img-request-id", "img"}, {"x-ci-request-id", "ci"}}), "ci");
    EXPECT_EQ(id({{"x-img-request-id", "img"}}), "img");
    EXPECT_EQ(id({{"x-img-request-id", "img"}, {"x-ci-request-id", "ci"}, {"x-cos-request-id", "cos"}}), "cos");
    EXPECT_EQ(id({}), "");
}

TEST(Headers, Head404WithOnlyHeaders) {
    const std::map<std::string, std::string> headers = {{"Content-Length", "0"},
                                                        {"x-cos-request-id", "NjE4YjY0ZDZfMjQ4OGY3MGFf"},
                                                        {"x-cos-trace-id", "OGVmYzZiMmQzYjA2OWNh"}};
    const auto e = coserr::parse_response(404, "HEAD", kUrl + "missing.txt", headers, "");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->is_service());
    EXPECT_EQ(e->status(), 404);
    // The Python SDK's names for a HEAD 404 without a body.
    EXPECT_EQ(e->code(), "NoSuchResource");
    EXPECT_EQ(e->message(), "The Resource You Head Not Exist");
    EXPECT_EQ(e->request_id(), "NjE4YjY0ZDZfMjQ4OGY3MGFf");
    EXPECT_EQ(e->trace_id(), "OGVmYzZiMmQzYjA2OWNh");
    EXPECT_EQ(e->resource(), kUrl + "missing.txt");
    EXPECT_EQ(e->category(), coserr::Category::not_found);
    EXPECT_EQ(e->retry(), coserr::Retry::none);
    EXPECT_TRUE(e->extras().empty());
}

TEST(Headers, RedirectIsNotAnError) {
    const std::map<std::string, std::string> headers = {{"Location", "https://elsewhere.example/k"},
                                                        {"x-cos-request-id", "NjE4YjY0ZDZf"}};
    EXPECT_FALSE(coserr::parse_response(302, "GET", kUrl, headers, ""));
    EXPECT_FALSE(coserr::parse_response(200, "GET", kUrl, headers, "<ListBucketResult/>"));
    // ...but an <Error> inside a 200 is one (CompleteMultipartUpload, Copy).
    const auto e = coserr::parse_response(
        200, "POST", kUrl, headers,
        support::sample("go_TestObjectService_CompleteMultipartUpload_200NonXML_xml_error_embedded_in_200.xml"));
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->is_service());
    EXPECT_EQ(e->status(), 200);
}

TEST(Headers, NegativeStatusIsUnknown) {
    // CosResult's "unset" status -1: only the body decides.
    const std::map<std::string, std::string> none;
    const auto e = coserr::parse_response(-1, "GET", "", none, kBody);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->status(), 0);
    EXPECT_FALSE(coserr::parse_response(-1, "GET", "", none, ""));
}

}  // namespace
