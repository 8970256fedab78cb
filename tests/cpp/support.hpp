// What the C++ tests share: the shared bodies on disk, and the C ABI called
// directly (the reference the C++ face is held to).
#ifndef COSERR_CPP_TEST_SUPPORT_HPP
#define COSERR_CPP_TEST_SUPPORT_HPP

#include <coserr.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace support {

inline std::string read_file(const std::filesystem::path &path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

/// Every file of the shared samples and edge cases, sorted (README.tsv,
/// which describes the samples, left out).
inline std::vector<std::filesystem::path> shared_bodies() {
    std::vector<std::filesystem::path> out;
    for (const char *dir : {COSERR_SAMPLES, COSERR_EDGE}) {
        for (const auto &entry : std::filesystem::directory_iterator(dir)) {
            if (entry.is_regular_file() && entry.path().extension() != ".tsv") {
                out.push_back(entry.path());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline std::string sample(const char *name) { return read_file(std::filesystem::path(COSERR_SAMPLES) / name); }
inline std::string edge(const char *name) { return read_file(std::filesystem::path(COSERR_EDGE) / name); }

inline const std::uint8_t *bytes(std::string_view s) { return reinterpret_cast<const std::uint8_t *>(s.data()); }

/// A C record's array up to its NUL.
template <std::size_t N>
std::string text(const char (&array)[N]) {
    return std::string(array, strnlen(array, N));
}

using HeaderPairs = std::vector<std::pair<std::string, std::string>>;

/// coserr_parse_response called from C, with the same inputs.
inline std::uint32_t c_parse_response(int status, std::string_view method, std::string_view url,
                                      const HeaderPairs &headers, std::string_view body, coserr_error *out) {
    std::vector<coserr_header> hs;
    for (const auto &h : headers) {
        hs.push_back({h.first.data(), h.first.size(), h.second.data(), h.second.size()});
    }
    coserr_response resp{};
    resp.status = static_cast<std::uint32_t>(status);
    resp.method = method.data();
    resp.method_len = method.size();
    resp.url = url.data();
    resp.url_len = url.size();
    resp.headers = hs.data();
    resp.header_count = hs.size();
    resp.body = bytes(body);
    resp.body_len = body.size();
    return coserr_parse_response(&resp, out);
}

/// coserr_field_value asked as docs/abi.md shows: length, then value.
inline std::pair<std::uint32_t, std::string> c_field_value(std::string_view body, std::uint32_t field) {
    std::size_t len = 0;
    std::uint32_t rc = coserr_field_value(bytes(body), body.size(), field, nullptr, 0, &len);
    if (rc != COSERR_OK) {
        return {rc, ""};
    }
    std::vector<char> buf(len + 1);
    rc = coserr_field_value(bytes(body), body.size(), field, buf.data(), buf.size(), &len);
    return {rc, std::string(buf.data(), len)};
}

/// The extras from C, with buffers large enough for any shared body.
inline std::vector<std::pair<std::string, std::string>> c_extras(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    coserr_extras_iter it;
    coserr_extras_begin(bytes(body), body.size(), &it);
    std::vector<char> name(1 << 16), value(1 << 16);
    std::size_t name_len = 0, value_len = 0;
    while (coserr_extras_next(bytes(body), body.size(), &it, name.data(), name.size(), &name_len, value.data(),
                              value.size(), &value_len) == COSERR_OK) {
        out.emplace_back(std::string(name.data(), name_len), std::string(value.data(), value_len));
    }
    return out;
}

inline std::string c_format(const coserr_error &e) {
    std::string s(coserr_format(&e, nullptr, 0), '\0');
    coserr_format(&e, s.data(), s.size() + 1);
    return s;
}

inline std::string c_to_json(const coserr_error &e) {
    std::string s(coserr_to_json(&e, nullptr, 0), '\0');
    coserr_to_json(&e, s.data(), s.size() + 1);
    return s;
}

}  // namespace support

#endif
