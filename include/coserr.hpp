/* coserr.hpp — the C++17 face of coserr: Tencent COS error responses as
 * std::optional<coserr::Error>, header-only, over the C ABI of coserr.h.
 * SPDX-License-Identifier: MIT OR Apache-2.0
 *
 *   if (auto e = coserr::parse_response(status, "GET", url, headers, body)) {
 *       log(e->to_string());                     // the display line
 *       if (e->retry() == coserr::Retry::throttle) backoff_longer();
 *   }
 *
 * Any answer, error or not, has decisions too (a 302 without any request
 * id did not come from COS: retry on the backup domain):
 *
 *   const coserr::Decision d = coserr::decide(status, "GET", url, headers, body);
 *   if (d.retry() == coserr::Retry::switch_domain) use_backup_domain();
 *   if (d.error()) log(d.error()->to_string());  // what parse_response gives
 *
 * Link it as coserr.h: CMake `coserr::coserr` (or `coserr::coserr_shared`),
 * pkg-config `coserr`. Exceptions: std::bad_alloc from the strings, and
 * std::runtime_error only if the library reports an internal bug
 * (COSERR_PANIC) or a result valid C++ inputs cannot cause; nothing else
 * throws. Conventions of the C calls beneath: docs/abi.md. */

#ifndef COSERR_HPP
#define COSERR_HPP

#include "coserr.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coserr {

/// What the answer is: not an error, the service's error, or an answer
/// that could not be understood (COSERR_KIND_*).
enum class Kind : std::uint32_t {
    none = COSERR_KIND_NONE,
    service = COSERR_KIND_SERVICE,
    client = COSERR_KIND_CLIENT,
};

/// What retrying can do for the answer (COSERR_RETRY_*; docs/decisions.md).
/// A value not listed is a class newer than this header: treat it as none.
enum class Retry : std::uint32_t {
    none = COSERR_RETRY_NONE,
    transient = COSERR_RETRY_TRANSIENT,
    throttle = COSERR_RETRY_THROTTLE,
    clock_skew = COSERR_RETRY_CLOCK_SKEW,
    switch_domain = COSERR_RETRY_SWITCH_DOMAIN,
};

/// The class's name as the JSON digest spells it ("none", "transient",
/// "throttle", "clock_skew", "switch_domain"); "" for an unknown value.
inline std::string_view retry_name(Retry r) noexcept {
    return coserr_retry_name(static_cast<std::uint32_t>(r));
}

/// What went wrong, coarsely (COSERR_CATEGORY_*); unknown values are other.
enum class Category : std::uint32_t {
    other = COSERR_CATEGORY_OTHER,
    not_found = COSERR_CATEGORY_NOT_FOUND,
    access_auth = COSERR_CATEGORY_ACCESS_AUTH,
    conflict = COSERR_CATEGORY_CONFLICT,
    precondition = COSERR_CATEGORY_PRECONDITION,
    throttled = COSERR_CATEGORY_THROTTLED,
    invalid_request = COSERR_CATEGORY_INVALID_REQUEST,
    server = COSERR_CATEGORY_SERVER,
    redirect = COSERR_CATEGORY_REDIRECT,
};

class Error;
class Decision;

namespace detail {
struct Access;

/// Throws std::runtime_error for a C result that is not COSERR_OK:
/// COSERR_PANIC (a bug inside the library) or a result valid C++ inputs
/// cannot cause (NULL_ARGUMENT, INVALID_ARGUMENT...).
inline void check(std::uint32_t rc, const char *call) {
    if (rc != COSERR_OK) {
        throw std::runtime_error(std::string("coserr: ") + call + " returned " + coserr_result_name(rc));
    }
}
}  // namespace detail

/// The decisions of docs/decisions.md on one answer, read from its C
/// record: what an Error and a Decision both answer, by the same code.
class Decisions {
public:
    /// The HTTP status; 0 when unknown (parse_body, a negative status).
    int status() const noexcept { return static_cast<int>(rec_.status); }

    /// What retrying can do, by the first rule that holds: switch_domain (a
    /// 3xx other than 304, or a 5xx, without any request id: the answer did
    /// not come from COS), clock_skew, throttle, transient, else none. An
    /// answer that is no error has no code: only switch_domain or none.
    Retry retry() const noexcept { return static_cast<Retry>(rec_.retry); }
    /// retry() as the JSON digest spells it ("switch_domain"...).
    std::string_view retry_name() const noexcept { return coserr::retry_name(retry()); }
    /// Sending the same request again may succeed (transient, throttle).
    bool retryable() const noexcept { return rec_.retryable != 0; }

    /// False when the answer carries no request id at all (a proxy, a
    /// captive portal, a hijacked domain answered). parse_body has no
    /// headers to judge: true.
    bool from_cos() const noexcept { return (rec_.flags & COSERR_FLAG_NOT_FROM_COS) == 0; }
    /// COSERR_FLAG_* bits.
    std::uint32_t flags() const noexcept { return rec_.flags; }

    /// The `Location` header, whole: where a redirect points ("" if none).
    const std::string &location() const noexcept { return location_; }
    /// The `x-cos-bucket-region` header, whole: the bucket's region.
    const std::string &region() const noexcept { return region_; }

    /// The service's clock (the body's ServerTime, else the Date header),
    /// when known.
    std::optional<std::chrono::system_clock::time_point> server_clock() const {
        if ((rec_.flags & COSERR_FLAG_SERVER_CLOCK) == 0) {
            return std::nullopt;
        }
        return std::chrono::system_clock::time_point(
            std::chrono::duration_cast<std::chrono::system_clock::duration>(
                std::chrono::milliseconds(rec_.server_time_ms)));
    }

    /// The service's clock minus `now` (the local clock when the answer
    /// arrived, taken in whole milliseconds), saturating: add it to the
    /// local clock before signing again. Empty when the service's clock is
    /// unknown.
    std::optional<std::chrono::milliseconds> clock_skew(std::chrono::system_clock::time_point now) const {
        const auto local_ms = std::chrono::floor<std::chrono::milliseconds>(now.time_since_epoch()).count();
        std::int64_t skew = 0;
        const std::uint32_t rc = coserr_clock_skew_ms(&rec_, static_cast<std::int64_t>(local_ms), &skew);
        if (rc == COSERR_NOT_FOUND) {
            return std::nullopt;
        }
        detail::check(rc, "coserr_clock_skew_ms");
        return std::chrono::milliseconds(skew);
    }

    /// The C record the decisions were read from (texts cut to its arrays).
    const coserr_error &record() const noexcept { return rec_; }

protected:
    friend struct detail::Access;
    Decisions() = default;

    coserr_error rec_{};
    std::string location_, region_;
};

/// One error answer of COS, every text whole (any length, NUL bytes kept),
/// with the decisions of docs/decisions.md. A plain value: copy it freely.
class Error : public Decisions {
public:
    Kind kind() const noexcept { return static_cast<Kind>(rec_.kind); }
    /// The service answered and the operation failed (CosServiceError).
    bool is_service() const noexcept { return rec_.kind == COSERR_KIND_SERVICE; }
    /// The answer could not be understood (CosClientError).
    bool is_client() const noexcept { return rec_.kind == COSERR_KIND_CLIENT; }

    /// The texts, whole. An absent field is "" (present() tells it apart
    /// from an empty one).
    const std::string &code() const noexcept { return code_; }
    const std::string &message() const noexcept { return message_; }
    const std::string &resource() const noexcept { return resource_; }
    const std::string &request_id() const noexcept { return request_id_; }
    const std::string &trace_id() const noexcept { return trace_id_; }
    const std::string &server_time() const noexcept { return server_time_; }
    // location(), region() and the decisions: Decisions.

    Category category() const noexcept { return static_cast<Category>(rec_.category); }
    /// The known COS code's id (coserr_code_name), COSERR_CODE_UNKNOWN else.
    std::uint32_t code_id() const noexcept { return rec_.code_id; }
    /// COSERR_FIELD_* bits: present, taken from a header or the URL, and
    /// cut in the C record (the strings here are whole either way).
    std::uint32_t present() const noexcept { return rec_.present; }
    std::uint32_t from_header() const noexcept { return rec_.from_header; }
    std::uint32_t truncated() const noexcept { return rec_.truncated; }
    /// COSERR_BODY_*, and for a malformed body where it went wrong.
    std::uint32_t body_status() const noexcept { return rec_.body_status; }
    std::uint32_t body_offset() const noexcept { return rec_.body_offset; }

    /// The other children of the XML error element (HostId, StringToSign,
    /// ArgumentName, a repeated Code...), in document order, whole.
    const std::vector<std::pair<std::string, std::string>> &extras() const noexcept { return extras_; }

    /// The one-line display for logs and tickets (coserr_format of the C
    /// record: long texts as the C record keeps them).
    std::string to_string() const { return snprintf_text(coserr_format, "coserr_format"); }
    /// The JSON digest (coserr_to_json of the C record).
    std::string to_json() const { return snprintf_text(coserr_to_json, "coserr_to_json"); }

    // The names of cos-cpp-sdk-v5's qcloud_cos::CosResult, with its types,
    // so that code written against CosResult reads the same.
    int GetHttpStatus() const noexcept { return status(); }
    std::string GetErrorCode() const { return code_; }
    std::string GetErrorMsg() const { return message_; }
    std::string GetResourceAddr() const { return resource_; }
    std::string GetXCosRequestId() const { return request_id_; }
    std::string GetXCosTraceId() const { return trace_id_; }
    std::string GetServerTime() const { return server_time_; }
    /// CosResult's own spelling of GetServerTime (newer SDK versions).
    std::string GetXCosServerTime() const { return server_time_; }

private:
    friend struct detail::Access;
    Error() = default;

    template <class Format>
    std::string snprintf_text(Format format, const char *call) const {
        const std::size_t n = format(&rec_, nullptr, 0);
        if (n == 0) {  // the line is never empty: 0 is a caught panic
            detail::check(COSERR_PANIC, call);
        }
        std::string s(n, '\0');
        format(&rec_, s.data(), n + 1);  // C++17: [size()] is the NUL
        return s;
    }

    std::string code_, message_, resource_, request_id_, trace_id_, server_time_;
    std::vector<std::pair<std::string, std::string>> extras_;
};

/// The decisions on any answer, error or not (decide), with the error it
/// is: a 302 without any request id is no error, yet did not come from COS
/// (retry() is switch_domain). When error() holds an Error, the decisions
/// are that Error's. A plain value: copy it freely.
class Decision : public Decisions {
public:
    /// What parse_response returns for the same answer: the Error, or
    /// empty when the answer is not one.
    const std::optional<Error> &error() const noexcept { return error_; }

private:
    friend struct detail::Access;
    Decision() = default;

    std::optional<Error> error_;
};

namespace detail {

inline std::string_view view(const char *p, std::size_t n) { return n == 0 ? std::string_view() : std::string_view(p, n); }

inline const std::uint8_t *bytes(std::string_view s) {
    return reinterpret_cast<const std::uint8_t *>(s.data());
}

/// s as UTF-8, each invalid sequence (the longest start of a valid one, or
/// one byte) replaced by U+FFFD: what the library makes of header values,
/// the URL and a client error's body (Rust's from_utf8_lossy).
inline std::string lossy_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t more = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b < 0x80) {
            out += s[i++];
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            more = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            more = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            more = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
        }
        std::size_t n = 1;  // bytes of the sequence that are well-formed so far
        while (n <= more && i + n < s.size()) {
            const auto c = static_cast<unsigned char>(s[i + n]);
            if (c < lo || c > hi) {
                break;
            }
            lo = 0x80;
            hi = 0xBF;
            ++n;
        }
        if (more > 0 && n == more + 1) {
            out.append(s.substr(i, n));
        } else {
            out += "\xEF\xBF\xBD";
        }
        i += n;
    }
    return out;
}

inline bool same_name(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != lower[i]) {
            return false;
        }
    }
    return true;
}

/// The first non-empty value of header `name` (any ASCII case), as the
/// library picks it.
inline std::optional<std::string_view> first_header(const coserr_header *h, std::size_t n, std::string_view name) {
    for (std::size_t i = 0; i < n; ++i) {
        if (h[i].name != nullptr && h[i].value_len > 0 && same_name(view(h[i].name, h[i].name_len), name)) {
            return std::string_view(h[i].value, h[i].value_len);
        }
    }
    return std::nullopt;
}

/// The whole value of one body field (coserr_field_value), or empty when
/// the body has none.
inline std::optional<std::string> field_value(std::string_view body, std::uint32_t field) {
    std::size_t len = 0;
    std::uint32_t rc = coserr_field_value(bytes(body), body.size(), field, nullptr, 0, &len);
    if (rc == COSERR_NOT_FOUND) {
        return std::nullopt;
    }
    detail::check(rc, "coserr_field_value");
    std::string s(len, '\0');
    rc = coserr_field_value(bytes(body), body.size(), field, s.data(), len + 1, &len);
    detail::check(rc, "coserr_field_value");
    return s;
}

struct Access {
    /// The C record, turned into an Error whose texts are whole. A text the
    /// record had to cut (its truncated bit) is taken again, whole, from
    /// where the library took it:
    ///   - a header or the URL (from_header): the caller's own input, picked by the library's rule
    ///     (first non-empty header of the name; request id: x-cos-request-id,
    ///     else x-ci-request-id, else x-img-request-id), as UTF-8;
    ///   - a client error's message, or the message standing in for a body
    ///     without one when the code came from x-cos-error-code: the body;
    ///   - any other body field: coserr_field_value.
    /// (coserr_parse_response_spans would name the header by index, but its
    /// spans are cut as the record is, and a value that is not UTF-8 has no
    /// span at all: the rule is needed anyway, so the plain record is used.)
    static Error make(const coserr_error &rec, std::string_view url, const coserr_header *headers,
                      std::size_t header_count, std::string_view body) {
        Error e;
        fill_decisions(e, rec, url, headers, header_count, body);
        struct Text {
            std::uint32_t field;
            const char *array;
            std::size_t array_size;
            std::string *out;
        };
        const Text texts[] = {
            {COSERR_FIELD_CODE, rec.code, sizeof rec.code, &e.code_},
            {COSERR_FIELD_MESSAGE, rec.message, sizeof rec.message, &e.message_},
            {COSERR_FIELD_RESOURCE, rec.resource, sizeof rec.resource, &e.resource_},
            {COSERR_FIELD_REQUEST_ID, rec.request_id, sizeof rec.request_id, &e.request_id_},
            {COSERR_FIELD_TRACE_ID, rec.trace_id, sizeof rec.trace_id, &e.trace_id_},
            {COSERR_FIELD_SERVER_TIME, rec.server_time, sizeof rec.server_time, &e.server_time_},
        };
        for (const Text &t : texts) {
            *t.out = whole_text(rec, t.field, t.array, t.array_size, url, headers, header_count, body);
        }
        if (rec.body_status == COSERR_BODY_OK) {
            e.extras_ = extras(body);
        }
        return e;
    }

    /// The record and the texts of the decisions (Location, region), whole,
    /// into d: for an Error and for an answer that is none alike.
    static void fill_decisions(Decisions &d, const coserr_error &rec, std::string_view url,
                               const coserr_header *headers, std::size_t header_count, std::string_view body) {
        d.rec_ = rec;
        d.location_ = whole_text(rec, COSERR_FIELD_LOCATION, rec.location, sizeof rec.location, url, headers,
                                 header_count, body);
        d.region_ = whole_text(rec, COSERR_FIELD_REGION, rec.region, sizeof rec.region, url, headers,
                               header_count, body);
    }

    /// One text of the record, whole: the record's array up to its NUL, or
    /// when the record had to cut it, the whole value (whole_value).
    static std::string whole_text(const coserr_error &rec, std::uint32_t field, const char *array,
                                  std::size_t array_size, std::string_view url, const coserr_header *headers,
                                  std::size_t header_count, std::string_view body) {
        if ((rec.truncated & field) != 0) {
            if (std::optional<std::string> whole = whole_value(rec, field, url, headers, header_count, body)) {
                return std::move(*whole);
            }
        }
        std::size_t n = 0;
        while (n < array_size && array[n] != '\0') {
            ++n;
        }
        return std::string(array, n);
    }

    static std::optional<std::string> whole_value(const coserr_error &rec, std::uint32_t field, std::string_view url,
                                                  const coserr_header *headers, std::size_t header_count,
                                                  std::string_view body) {
        if ((rec.from_header & field) != 0) {  // location and region always are
            std::optional<std::string_view> input;
            switch (field) {
            case COSERR_FIELD_RESOURCE:
                input = url;
                break;
            case COSERR_FIELD_CODE:
                input = first_header(headers, header_count, "x-cos-error-code");
                break;
            case COSERR_FIELD_REQUEST_ID:
                for (const char *name : {"x-cos-request-id", "x-ci-request-id", "x-img-request-id"}) {
                    if ((input = first_header(headers, header_count, name))) {
                        break;
                    }
                }
                break;
            case COSERR_FIELD_TRACE_ID:
                input = first_header(headers, header_count, "x-cos-trace-id");
                break;
            case COSERR_FIELD_LOCATION:
                input = first_header(headers, header_count, "location");
                break;
            case COSERR_FIELD_REGION:
                input = first_header(headers, header_count, "x-cos-bucket-region");
                break;
            default:
                break;
            }
            if (!input) {
                return std::nullopt;
            }
            return lossy_utf8(*input);
        }
        if (field == COSERR_FIELD_MESSAGE) {
            if (rec.kind == COSERR_KIND_CLIENT) {
                return lossy_utf8(body);
            }
            if ((rec.from_header & COSERR_FIELD_CODE) != 0) {
                std::optional<std::string> own = field_value(body, COSERR_FIELD_MESSAGE);
                if (!own || own->empty()) {
                    return lossy_utf8(body);
                }
                return own;
            }
        }
        return field_value(body, field);
    }

    /// The body's extras, whole, read in one pass (coserr_extras_begin
    /// parses the body once; each extra is asked for again with buffers of
    /// its full size only when the first buffers cut it).
    static std::vector<std::pair<std::string, std::string>> extras(std::string_view body) {
        std::vector<std::pair<std::string, std::string>> out;
        coserr_extras_iter it;
        detail::check(coserr_extras_begin(bytes(body), body.size(), &it), "coserr_extras_begin");
        std::array<char, 128> name{};
        std::array<char, 512> value{};
        for (;;) {
            const coserr_extras_iter at = it;
            std::size_t name_len = 0, value_len = 0;
            std::uint32_t rc = coserr_extras_next(bytes(body), body.size(), &it, name.data(), name.size(), &name_len,
                                                  value.data(), value.size(), &value_len);
            if (rc == COSERR_NOT_FOUND) {
                return out;
            }
            detail::check(rc, "coserr_extras_next");
            if (name_len < name.size() && value_len < value.size()) {
                out.emplace_back(std::string(name.data(), name_len), std::string(value.data(), value_len));
                continue;
            }
            std::string n(name_len, '\0'), v(value_len, '\0');
            coserr_extras_iter again = at;
            rc = coserr_extras_next(bytes(body), body.size(), &again, n.data(), name_len + 1, &name_len, v.data(),
                                    value_len + 1, &value_len);
            detail::check(rc, "coserr_extras_next");
            out.emplace_back(std::move(n), std::move(v));
        }
    }

    static std::optional<Error> finish(std::uint32_t rc, const coserr_error &rec, std::string_view url,
                                       const coserr_header *headers, std::size_t header_count,
                                       std::string_view body, const char *call) {
        if (rc == COSERR_NOT_AN_ERROR) {
            return std::nullopt;
        }
        detail::check(rc, call);
        return make(rec, url, headers, header_count, body);
    }

    /// finish() with the decisions of any answer: an Error's own when the
    /// answer is one, else read from the record all the same.
    static Decision decide(std::uint32_t rc, const coserr_error &rec, std::string_view url,
                           const coserr_header *headers, std::size_t header_count, std::string_view body,
                           const char *call) {
        Decision d;
        d.error_ = finish(rc, rec, url, headers, header_count, body, call);
        if (d.error_) {
            static_cast<Decisions &>(d) = *d.error_;
        } else {
            fill_decisions(d, rec, url, headers, header_count, body);
        }
        return d;
    }
};

/// The caller's headers as coserr_header entries pointing into them: on the
/// stack for up to 32 headers, else in a vector.
class HeaderList {
public:
    template <class Headers>
    explicit HeaderList(const Headers &headers) {
        for (const auto &entry : headers) {
            const std::string_view name(entry.first), value(entry.second);
            coserr_header h{name.data(), name.size(), value.data(), value.size()};
            if (heap_.empty() && count_ < small_.size()) {
                small_[count_] = h;
            } else {
                if (heap_.empty()) {
                    heap_.assign(small_.begin(), small_.begin() + static_cast<std::ptrdiff_t>(count_));
                }
                heap_.push_back(h);
            }
            ++count_;
        }
    }
    HeaderList(const HeaderList &) = delete;
    HeaderList &operator=(const HeaderList &) = delete;

    const coserr_header *data() const noexcept { return heap_.empty() ? small_.data() : heap_.data(); }
    std::size_t size() const noexcept { return count_; }

private:
    std::array<coserr_header, 32> small_{};
    std::vector<coserr_header> heap_;
    std::size_t count_ = 0;
};

/// The one C parse of an answer behind parse_response and decide: its
/// result, and the record in `rec`.
inline std::uint32_t parse_record(int status, std::string_view method, std::string_view url, const HeaderList &list,
                                  std::string_view body, coserr_error &rec) {
    coserr_response resp{};
    resp.status = status < 0 ? 0u : static_cast<std::uint32_t>(status);
    resp.method = method.data();
    resp.method_len = method.size();
    resp.url = url.data();
    resp.url_len = url.size();
    resp.headers = list.data();
    resp.header_count = list.size();
    resp.body = detail::bytes(body);
    resp.body_len = body.size();
    return coserr_parse_response(&resp, &rec);
}

}  // namespace detail

/// Parses an HTTP answer: the error it is, or an empty optional when it is
/// not one (a 2xx/3xx without an XML error document). `headers` is any
/// range of pairs of strings (std::map<std::string, std::string> as
/// cos-cpp-sdk-v5 keeps them, std::vector<std::pair<...>>,
/// std::unordered_map, pairs of std::string_view...): names in any case,
/// the first non-empty value of a name counts. A negative status (CosResult's
/// -1, "unset") is unknown (0). Nothing is kept of the inputs.
template <class Headers>
std::optional<Error> parse_response(int status, std::string_view method, std::string_view url,
                                    const Headers &headers, std::string_view body) {
    const detail::HeaderList list(headers);
    coserr_error rec;
    const std::uint32_t rc = detail::parse_record(status, method, url, list, body, rec);
    return detail::Access::finish(rc, rec, url, list.data(), list.size(), body, "coserr_parse_response");
}

/// parse_response with the decisions of every answer, errors and
/// non-errors alike, from the same one parse: error() is what
/// parse_response returns, and status(), retry(), from_cos(), location(),
/// region(), server_clock(), clock_skew() are decided for a 2xx or 3xx
/// too. Call it instead of parse_response, not beside it. Arguments as
/// parse_response's.
template <class Headers>
Decision decide(int status, std::string_view method, std::string_view url, const Headers &headers,
                std::string_view body) {
    const detail::HeaderList list(headers);
    coserr_error rec;
    const std::uint32_t rc = detail::parse_record(status, method, url, list, body, rec);
    return detail::Access::decide(rc, rec, url, list.data(), list.size(), body, "coserr_parse_response");
}

/// Parses a body alone, status unknown: an XML or JSON error document is a
/// service error, a body that is not XML or is malformed a client error; an
/// empty body or a document that is not an error is no error (empty).
inline std::optional<Error> parse_body(std::string_view body) {
    coserr_error rec;
    const std::uint32_t rc = coserr_parse_body(detail::bytes(body), body.size(), &rec);
    return detail::Access::finish(rc, rec, std::string_view(), nullptr, 0, body, "coserr_parse_body");
}

}  // namespace coserr

#endif /* COSERR_HPP */
