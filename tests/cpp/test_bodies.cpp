// Every shared COS body through coserr::parse_body and coserr::parse_response,
// held to the C record the same call gives from C: the same verdict, the
// same numbers, and each text equal to the record's array, or, where the
// record cut it, to the whole value C finds with coserr_field_value (a
// client error's message: the body itself).
#include "support.hpp"

#include <coserr.hpp>
#include <gtest/gtest.h>

#include <string>

namespace {

using support::text;

const std::uint32_t kBodyFields[] = {COSERR_FIELD_CODE,       COSERR_FIELD_MESSAGE,  COSERR_FIELD_RESOURCE,
                                     COSERR_FIELD_REQUEST_ID, COSERR_FIELD_TRACE_ID, COSERR_FIELD_SERVER_TIME};

const std::string &cpp_text(const coserr::Error &e, std::uint32_t field) {
    switch (field) {
    case COSERR_FIELD_CODE:
        return e.code();
    case COSERR_FIELD_MESSAGE:
        return e.message();
    case COSERR_FIELD_RESOURCE:
        return e.resource();
    case COSERR_FIELD_REQUEST_ID:
        return e.request_id();
    case COSERR_FIELD_TRACE_ID:
        return e.trace_id();
    default:
        return e.server_time();
    }
}

std::string c_text(const coserr_error &r, std::uint32_t field) {
    switch (field) {
    case COSERR_FIELD_CODE:
        return text(r.code);
    case COSERR_FIELD_MESSAGE:
        return text(r.message);
    case COSERR_FIELD_RESOURCE:
        return text(r.resource);
    case COSERR_FIELD_REQUEST_ID:
        return text(r.request_id);
    case COSERR_FIELD_TRACE_ID:
        return text(r.trace_id);
    default:
        return text(r.server_time);
    }
}

// The Error matches the C record r of the same call, and its texts are
// whole. Body fields only: these calls give no header that could fill one.
void expect_matches(const coserr::Error &e, const coserr_error &r, const std::string &body) {
    EXPECT_EQ(static_cast<std::uint32_t>(e.kind()), r.kind);
    EXPECT_EQ(e.is_service(), r.kind == COSERR_KIND_SERVICE);
    EXPECT_EQ(e.is_client(), r.kind == COSERR_KIND_CLIENT);
    EXPECT_EQ(e.status(), static_cast<int>(r.status));
    EXPECT_EQ(static_cast<std::uint32_t>(e.category()), r.category);
    EXPECT_EQ(static_cast<std::uint32_t>(e.retry()), r.retry);
    EXPECT_EQ(e.retryable(), r.retryable != 0);
    EXPECT_EQ(e.code_id(), r.code_id);
    EXPECT_EQ(e.present(), r.present);
    EXPECT_EQ(e.from_header(), r.from_header);
    EXPECT_EQ(e.truncated(), r.truncated);
    EXPECT_EQ(e.flags(), r.flags);
    EXPECT_EQ(e.body_status(), r.body_status);
    EXPECT_EQ(e.body_offset(), r.body_offset);
    for (std::uint32_t field : kBodyFields) {
        SCOPED_TRACE("field bit " + std::to_string(field));
        if ((r.truncated & field) == 0) {
            EXPECT_EQ(cpp_text(e, field), c_text(r, field));
        } else if (field == COSERR_FIELD_MESSAGE && r.kind == COSERR_KIND_CLIENT) {
            EXPECT_EQ(e.message(), body);  // the shared bodies that cut it are UTF-8
        } else {
            auto [rc, whole] = support::c_field_value(body, field);
            ASSERT_EQ(rc, COSERR_OK);
            EXPECT_EQ(cpp_text(e, field), whole);
            EXPECT_GT(whole.size(), c_text(r, field).size());
        }
    }
    if (r.body_status == COSERR_BODY_OK) {
        EXPECT_EQ(e.extras(), support::c_extras(body));
    } else {
        EXPECT_TRUE(e.extras().empty());
    }
}

TEST(SharedBodies, ParseBodyMatchesTheCRecord) {
    const auto files = support::shared_bodies();
    ASSERT_GE(files.size(), 40u) << "the shared bodies are missing";
    int errors = 0, non_errors = 0;
    for (const auto &path : files) {
        SCOPED_TRACE(path.filename().string());
        const std::string body = support::read_file(path);
        coserr_error r;
        const std::uint32_t rc = coserr_parse_body(support::bytes(body), body.size(), &r);
        ASSERT_TRUE(rc == COSERR_OK || rc == COSERR_NOT_AN_ERROR);
        const auto e = coserr::parse_body(body);
        ASSERT_EQ(e.has_value(), rc == COSERR_OK);
        if (e) {
            ++errors;
            expect_matches(*e, r, body);
            EXPECT_TRUE(e->from_cos());  // a body alone is never judged
        } else {
            ++non_errors;
        }
    }
    // Both verdicts occur among the shared bodies (a 200-style result, the
    // empty and whitespace-only files are no errors).
    EXPECT_GT(errors, 30);
    EXPECT_GE(non_errors, 3);
}

TEST(SharedBodies, ParseResponseMatchesTheCRecord) {
    const support::HeaderPairs headers = {{"Content-Type", "application/xml"}};
    for (int status : {200, 400, 404, 503}) {
        for (const auto &path : support::shared_bodies()) {
            SCOPED_TRACE(path.filename().string() + " status " + std::to_string(status));
            const std::string body = support::read_file(path);
            coserr_error r;
            const std::uint32_t rc = support::c_parse_response(status, "GET", "", headers, body, &r);
            ASSERT_TRUE(rc == COSERR_OK || rc == COSERR_NOT_AN_ERROR);
            const auto e = coserr::parse_response(status, "GET", "", headers, body);
            ASSERT_EQ(e.has_value(), rc == COSERR_OK);
            if (e) {
                expect_matches(*e, r, body);
            } else {
                EXPECT_LT(status, 400);  // every 4xx/5xx is an error
            }
        }
    }
}

TEST(SharedBodies, HandCheckedValues) {
    const auto e = coserr::parse_body(support::sample("go_Test_IsNotFoundError.xml"));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->kind(), coserr::Kind::service);
    EXPECT_EQ(e->code(), "NoSuchKey");
    EXPECT_EQ(e->message(), "The specified key does not exist.");
    EXPECT_EQ(e->resource(), "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404");
    EXPECT_EQ(e->request_id(), "NjA3OGY4NGFfNjJkMmMwYl8***");
    EXPECT_EQ(e->trace_id(), "OGVmYzZiMmQzYjA2OWNh***");
    EXPECT_EQ(e->category(), coserr::Category::not_found);

    const auto aws = coserr::parse_body(support::sample("java_XmlResponsesSaxParser_CompleteMultipartUploadHandler_javadoc.xml"));
    ASSERT_TRUE(aws);
    const std::vector<std::pair<std::string, std::string>> extras = {
        {"HostId", "Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg=="}};
    EXPECT_EQ(aws->extras(), extras);

    // A body that is not UTF-8 is a client error whose message is the body
    // as text, the byte 0xE9 replaced by U+FFFD.
    const std::string latin1 = support::edge("non_utf8_latin1.xml");
    const auto c = coserr::parse_body(latin1);
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->is_client());
    std::string expected = latin1;
    expected.replace(expected.find('\xE9'), 1, "\xEF\xBF\xBD");
    EXPECT_EQ(c->message(), expected);

    EXPECT_FALSE(coserr::parse_body(""));
    EXPECT_FALSE(coserr::parse_body(support::edge("whitespace_only.txt")));
    EXPECT_FALSE(coserr::parse_body(support::edge("leading_whitespace_keepalive_then_result.xml")));
}

}  // namespace
