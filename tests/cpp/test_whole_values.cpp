// Texts are whole: values longer than the C record's arrays, and values
// holding a NUL byte, come back every byte, whether they came from the body,
// a header or the URL. Expectations are built by hand from the inputs.
#include "support.hpp"

#include <coserr.hpp>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace {

using Headers = std::map<std::string, std::string>;

const Headers kCosIds = {{"x-cos-request-id", "NjE4YjY0ZDZf"}, {"x-cos-trace-id", "OGVmYzZi"}};

std::string repeat(std::string_view unit, std::size_t times) {
    std::string s;
    for (std::size_t i = 0; i < times; ++i) {
        s += unit;
    }
    return s;
}

TEST(WholeValues, MessageLongerThanTheRecordWithEntities) {
    // 1500 "é" (3000 bytes) and an entity: decoded, whole.
    const std::string long_text = repeat("\xC3\xA9", 1500) + " & done";
    const std::string body = "<Error><Code>InvalidArgument</Code><Message>" + repeat("\xC3\xA9", 1500) +
                             " &amp; done</Message><RequestId>id1</RequestId></Error>";
    const auto b = coserr::parse_body(body);
    ASSERT_TRUE(b);
    EXPECT_NE(b->truncated() & COSERR_FIELD_MESSAGE, 0u);  // C had to cut it
    EXPECT_EQ(b->message(), long_text);
    EXPECT_EQ(b->message().size(), 3007u);
    EXPECT_EQ(support::text(b->record().message).size(), 1022u);  // cut before a 2-byte character

    const auto r = coserr::parse_response(400, "PUT", "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k", kCosIds, body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->message(), long_text);
    EXPECT_EQ(r->code(), "InvalidArgument");
    EXPECT_EQ(r->request_id(), "id1");
}

TEST(WholeValues, NulByteKept) {
    const std::string body = R"({"code":"InvalidArgument","message":"before\u0000after","request_id":"r1"})";
    const std::string expected("before\0after", 12);
    for (const auto &e : {coserr::parse_body(body), coserr::parse_response(400, "POST", "", kCosIds, body)}) {
        ASSERT_TRUE(e);
        EXPECT_EQ(e->code(), "InvalidArgument");
        EXPECT_EQ(e->message(), expected);
        EXPECT_EQ(e->message().size(), 12u);
        EXPECT_NE(e->truncated() & COSERR_FIELD_MESSAGE, 0u);
        EXPECT_EQ(support::text(e->record().message), "before");
    }
}

TEST(WholeValues, LongHeaderValues) {
    const std::string request_id = repeat("R", 300), trace_id = repeat("T", 700);
    const std::string location = "https://other.example/" + repeat("p", 2000), region = "ap-" + repeat("x", 100);
    const Headers headers = {{"X-Cos-Request-Id", request_id},
                             {"x-cos-trace-id", trace_id},
                             {"Location", location},
                             {"x-cos-bucket-region", region}};
    const auto e = coserr::parse_response(403, "GET", "https://b.example/k", headers, "");
    ASSERT_TRUE(e);
    const std::uint32_t cut = COSERR_FIELD_REQUEST_ID | COSERR_FIELD_TRACE_ID | COSERR_FIELD_LOCATION | COSERR_FIELD_REGION;
    EXPECT_EQ(e->truncated() & cut, cut);
    EXPECT_EQ(e->request_id(), request_id);
    EXPECT_EQ(e->trace_id(), trace_id);
    EXPECT_EQ(e->location(), location);
    EXPECT_EQ(e->region(), region);
}

TEST(WholeValues, HeaderWithNulAndInvalidUtf8) {
    // A NUL byte, then 200 bytes with an invalid 0xFF in them: the library
    // reads header values as UTF-8, each invalid byte one U+FFFD.
    const std::string raw = std::string("a\0b", 3) + repeat("x", 100) + "\xFF" + repeat("y", 100);
    const std::string expected = std::string("a\0b", 3) + repeat("x", 100) + "\xEF\xBF\xBD" + repeat("y", 100);
    const Headers headers = {{"x-cos-request-id", raw}};
    const auto e = coserr::parse_response(500, "GET", "", headers, "");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->request_id(), expected);
    EXPECT_EQ(support::text(e->record().request_id), "a");
}

TEST(WholeValues, LongRequestIdPickedAsTheLibraryPicksIt) {
    // An empty header is no header; x-ci-request-id stands in for a missing
    // x-cos-request-id. The whole value is that of the header picked.
    const std::string ci = repeat("C", 400), second = repeat("S", 400);
    using Pairs = std::vector<std::pair<std::string, std::string>>;
    const auto e = coserr::parse_response(404, "GET", "", Pairs{{"x-cos-request-id", ""}, {"x-ci-request-id", ci}}, "");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->request_id(), ci);
    const auto f = coserr::parse_response(
        404, "GET", "", Pairs{{"X-Cos-Request-Id", ""}, {"x-cos-request-id", second}, {"x-ci-request-id", ci}}, "");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->request_id(), second);
}

TEST(WholeValues, InvalidUtf8DecodedAsTheLibraryDecodesIt) {
    // The same bytes as request id (cut at 127: read whole here) and as
    // trace id (255: the library's own decoding, uncut): equal.
    const char *const invalid[] = {"\xC0\x80",     "\xE0\x80\x80", "\xED\xA0\x80", "\xF0\x90\x80", "\xF4\x90\x80\x80",
                                   "\xE2\x82x",    "\xF5",         "\x80\x80",     "\xC3",         "\xF0\x9F\x98",
                                   "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", "\xEF\xBF\xBD\xFF\xFE"};
    for (const char *bad : invalid) {
        for (const std::string &value : {std::string(bad) + repeat("x", 150), repeat("x", 150) + bad}) {
            SCOPED_TRACE(value);
            const Headers headers = {{"x-cos-request-id", value}, {"x-cos-trace-id", value}};
            const auto e = coserr::parse_response(500, "GET", "", headers, "");
            ASSERT_TRUE(e);
            ASSERT_EQ(e->truncated() & (COSERR_FIELD_REQUEST_ID | COSERR_FIELD_TRACE_ID), COSERR_FIELD_REQUEST_ID);
            EXPECT_EQ(e->request_id(), support::text(e->record().trace_id));
            EXPECT_EQ(e->trace_id(), e->request_id());
        }
    }
}

TEST(WholeValues, LongUrlAsResource) {
    const std::string url = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/" + repeat("k", 1500);
    const std::string body = "<Error><Code>NoSuchKey</Code><Message>m</Message></Error>";
    const auto e = coserr::parse_response(404, "GET", url, kCosIds, body);
    ASSERT_TRUE(e);
    EXPECT_NE(e->from_header() & COSERR_FIELD_RESOURCE, 0u);
    EXPECT_EQ(e->resource(), url);
}

TEST(WholeValues, ClientErrorMessageIsTheWholeBody) {
    const std::string body = "<html><body>" + repeat("gateway says no. ", 300) + "</body></html>";
    const auto e = coserr::parse_response(502, "GET", "", kCosIds, body);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->is_client());
    EXPECT_EQ(e->message(), body);
}

TEST(WholeValues, HeaderCodeWithoutBodyMessage) {
    // A vector bucket's answer: the code in x-cos-error-code, a JSON body
    // without a message: the message is the body's text, whole.
    const std::string body = R"({"detail":")" + repeat("z", 1200) + R"("})";
    Headers headers = kCosIds;
    headers["x-cos-error-code"] = "NoSuchVectorBucket";
    const auto e = coserr::parse_response(404, "POST", "", headers, body);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code(), "NoSuchVectorBucket");
    EXPECT_EQ(e->message(), body);
}

TEST(WholeValues, LongExtraValue) {
    const std::string host_id = repeat("H", 5000);
    const std::string body = "<Error><Code>AccessDenied</Code><HostId>" + host_id +
                             "</HostId><StringToSign>a&lt;b</StringToSign></Error>";
    const auto e = coserr::parse_body(body);
    ASSERT_TRUE(e);
    const std::vector<std::pair<std::string, std::string>> expected = {{"HostId", host_id}, {"StringToSign", "a<b"}};
    EXPECT_EQ(e->extras(), expected);
}

}  // namespace
