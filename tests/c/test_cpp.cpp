// The header used from C++17: extern "C" linkage, the structs, the macros.
//
//   test_cpp SAMPLES_DIR
#include <coserr.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

static_assert(std::is_standard_layout_v<coserr_error> && std::is_trivially_copyable_v<coserr_error>);
static_assert(sizeof(coserr_error) == 3704);
static_assert(offsetof(coserr_error, server_time) == 2540);
static_assert(offsetof(coserr_error, retry) == 2604 && offsetof(coserr_error, server_time_ms) == 2608);
static_assert(std::is_same_v<decltype(coserr_error::server_time_ms), std::int64_t>);
static_assert(sizeof(coserr_error::location) == 1024 && sizeof(coserr_error::region) == 64);
static_assert(COSERR_RETRY_CLOCK_SKEW == 3 && COSERR_FLAG_SERVER_CLOCK == 4);
static_assert(COSERR_ABI_VERSION == 2);

namespace {

int passed = 0, failed = 0;

void check(bool ok, const char *what, int line) {
    if (ok) {
        ++passed;
    } else {
        ++failed;
        std::cerr << "test_cpp.cpp:" << line << ": CHECK failed: " << what << "\n";
    }
}
#define CHECK(c) check((c), #c, __LINE__)

// A small RAII-free C++ wrapper a user might write.
std::string format(const coserr_error &e) {
    std::string s(coserr_format(&e, nullptr, 0), '\0');
    coserr_format(&e, s.data(), s.size() + 1);  // C++17: data() is writable, [size()] is the NUL
    return s;
}

std::string read(const std::string &path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

coserr_header header(std::string_view n, std::string_view v) {
    return {n.data(), n.size(), v.data(), v.size()};
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " SAMPLES_DIR\n";
        return 2;
    }
    std::string body = read(std::string(argv[1]) + "/issues_cos-wx-sdk-v5_25_AccessDenied.xml");
    CHECK(!body.empty());

    std::array<coserr_header, 2> headers{header("X-Cos-Request-Id", "cpp-req"),
                                         header("X-Cos-Trace-Id", "cpp-trace")};
    coserr_response resp{};
    resp.status = 403;
    resp.method = "PUT";
    resp.method_len = 3;
    resp.headers = headers.data();
    resp.header_count = headers.size();
    resp.body = reinterpret_cast<const std::uint8_t *>(body.data());
    resp.body_len = body.size();

    coserr_error err{};
    std::uint32_t rc = coserr_parse_response(&resp, &err);
    CHECK(rc == COSERR_OK);
    CHECK(std::string_view(coserr_result_name(rc)) == "COSERR_OK");
    CHECK(err.kind == COSERR_KIND_SERVICE);
    CHECK(std::string_view(err.code) == "AccessDenied");
    CHECK(std::string_view(coserr_code_name(err.code_id)) == "AccessDenied");
    CHECK(err.category == COSERR_CATEGORY_ACCESS_AUTH);
    CHECK(err.retryable == 0);
    // Request ids (the body's and a different header's), no clock, a plain
    // AccessDenied: nothing to decide.
    CHECK(err.retry == COSERR_RETRY_NONE && err.server_time_ms == 0);
    CHECK(err.flags == COSERR_FLAG_IDS_DISAGREE);

    std::string line = format(err);
    CHECK(line.rfind("CosServiceError status=403 code=\"AccessDenied\"", 0) == 0);
    CHECK(line.size() == std::strlen(line.c_str()));

    coserr_error copy = err;  // plain value semantics
    CHECK(std::memcmp(&copy, &err, sizeof err) == 0);

    std::vector<char> json(coserr_to_json(&err, nullptr, 0) + 1);
    coserr_to_json(&err, json.data(), json.size());
    CHECK(std::string_view(json.data()).find("\"kind\":\"service\"") != std::string_view::npos);

    CHECK(coserr_parse_body(nullptr, 0, &err) == COSERR_NOT_AN_ERROR);
    CHECK(coserr_parse_response(nullptr, &err) == COSERR_NULL_ARGUMENT);
    coserr_extras_iter none;
    CHECK(coserr_extras_begin(resp.body, resp.body_len, &none) == COSERR_OK);
    CHECK(coserr_extras_next(resp.body, resp.body_len, &none, nullptr, 0, nullptr, nullptr, 0, nullptr) ==
          COSERR_NOT_FOUND);

    // The extras iterator: a plain value too.
    static_assert(sizeof(coserr_extras_iter) == 24, "coserr_extras_iter");
    const std::string_view with = "<Error><Code>C</Code><HostId>h-1</HostId><X/></Error>";
    const auto *wb = reinterpret_cast<const uint8_t *>(with.data());
    coserr_extras_iter it{};
    CHECK(coserr_extras_begin(wb, with.size(), &it) == COSERR_OK);
    std::vector<std::string> seen;
    char xname[32], xvalue[32];
    while (coserr_extras_next(wb, with.size(), &it, xname, sizeof xname, nullptr, xvalue,
                              sizeof xvalue, nullptr) == COSERR_OK) {
        seen.push_back(std::string(xname) + "=" + xvalue);
    }
    CHECK((seen == std::vector<std::string>{"HostId=h-1", "X="}));
    CHECK(coserr_abi_version() == COSERR_ABI_VERSION);

    // ABI version 2's members: a redirect without a request id (another
    // host answered), with the service's clock and where it points.
    // Date: date -u -d @1554781160 -> Tue Apr  9 03:39:20 UTC 2019.
    std::array<coserr_header, 3> moved{header("Location", "https://backup.example/k"),
                                       header("x-cos-bucket-region", "ap-nanjing"),
                                       header("Date", "Tue, 09 Apr 2019 03:39:20 GMT")};
    coserr_response redirect{};
    redirect.status = 302;
    redirect.headers = moved.data();
    redirect.header_count = moved.size();
    coserr_error r{};
    CHECK(coserr_parse_response(&redirect, &r) == COSERR_NOT_AN_ERROR);
    CHECK(r.retry == COSERR_RETRY_SWITCH_DOMAIN);
    CHECK(std::string_view(coserr_retry_name(r.retry)) == "switch_domain");
    CHECK(r.flags == (COSERR_FLAG_NOT_FROM_COS | COSERR_FLAG_SERVER_CLOCK));
    CHECK(r.server_time_ms == INT64_C(1554781160000));
    std::int64_t skew = 0;
    CHECK(coserr_clock_skew_ms(&r, INT64_C(1554781100000), &skew) == COSERR_OK && skew == 60000);
    CHECK(std::string_view(r.location) == "https://backup.example/k");
    CHECK(std::string_view(r.region) == "ap-nanjing");
    CHECK((r.present & (COSERR_FIELD_LOCATION | COSERR_FIELD_REGION)) ==
          (COSERR_FIELD_LOCATION | COSERR_FIELD_REGION));
    CHECK(format(r).find(" retry=switch_domain ") != std::string::npos);

    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
