// What every parser in the C/C++ peer benchmark implements: read one COS
// error body and give the five texts of its <Error> element (Code, Message,
// Resource, RequestId, TraceId), decoded, as coserr_parse_body does.
#ifndef COSERR_BENCH_C_PEER_HPP
#define COSERR_BENCH_C_PEER_HPP

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

enum Field { CODE, MESSAGE, RESOURCE, REQUEST_ID, TRACE_ID, N_FIELDS };

inline const char *const FIELD_NAMES[N_FIELDS] = {"Code", "Message", "Resource", "RequestId", "TraceId"};

// The index of an element name among the five, or -1.
inline int field_of(const char *name, size_t len) {
    for (int f = 0; f < N_FIELDS; f++) {
        if (std::strlen(FIELD_NAMES[f]) == len && std::memcmp(FIELD_NAMES[f], name, len) == 0) {
            return f;
        }
    }
    return -1;
}
inline int field_of(const char *name) { return field_of(name, std::strlen(name)); }

// One parse's answer. The views point into the peer's own memory (its tree,
// its copy of the body, its scratch buffer) and stay valid until the peer's
// next parse.
struct Values {
    bool present[N_FIELDS];
    std::string_view text[N_FIELDS];
    void clear() {
        for (int f = 0; f < N_FIELDS; f++) {
            present[f] = false;
            text[f] = std::string_view();
        }
    }
};

class Peer {
  public:
    virtual ~Peer() = default;
    virtual const char *name() const = 0;
    // How it reads the body, for the table's notes.
    virtual const char *how() const = 0;
    // false when the library rejects the body or finds no <Error> root.
    virtual bool parse(const std::string &body, Values &out) = 0;
};

// A bump buffer that texts given in pieces (SAX callbacks, several text
// nodes under one element) are joined in, reused from parse to parse so
// that joining allocates nothing.
class Scratch {
  public:
    void reset() { used_ = 0; }
    size_t mark() const { return used_; }
    void put(const char *p, size_t n) {
        if (used_ + n > buf_.size()) {
            buf_.resize(2 * (used_ + n));  // only while warming up: bodies are small
        }
        std::memcpy(buf_.data() + used_, p, n);
        used_ += n;
    }
    std::string_view since(size_t mark) const { return std::string_view(buf_.data() + mark, used_ - mark); }

  private:
    std::vector<char> buf_ = std::vector<char>(1 << 16);
    size_t used_ = 0;
};

// What a SAX peer keeps while its callbacks run: the depth, whether the root
// is <Error>, and the field whose text (directly under it, depth 2) is being
// joined in a scratch buffer. expat and libxml2's SAX2 callbacks call it.
class SaxFields {
  public:
    void begin(Values &out) {
        out.clear();
        scratch_.reset();
        out_ = &out;
        depth_ = 0;
        current_ = -1;
        root_ok_ = false;
    }
    void start(const char *name) {
        depth_++;
        if (depth_ == 1) {
            root_ok_ = std::strcmp(name, "Error") == 0;
        } else if (depth_ == 2 && root_ok_) {
            int f = field_of(name);
            if (f >= 0 && !out_->present[f]) {
                current_ = f;
                mark_ = scratch_.mark();
            }
        }
    }
    void end() {
        if (depth_ == 2 && current_ >= 0) {
            out_->present[current_] = true;
            out_->text[current_] = scratch_.since(mark_);
            current_ = -1;
        }
        depth_--;
    }
    void text(const char *s, size_t len) {
        if (depth_ == 2 && current_ >= 0) {
            scratch_.put(s, len);
        }
    }
    bool root_ok() const { return root_ok_; }

  private:
    Scratch scratch_;
    Values *out_ = nullptr;
    int depth_ = 0;
    int current_ = -1;
    size_t mark_ = 0;
    bool root_ok_ = false;
};

// The text of one element from its text children, in order: the child's
// own bytes when there is one piece (no copy, as pugixml's child_value),
// joined in the scratch buffer when there are several.
class TextOf {
  public:
    explicit TextOf(Scratch &s) : s_(s), mark_(s.mark()) {}
    void add(const char *p, size_t n) {
        if (pieces_ == 0) {
            first_ = std::string_view(p, n);
        } else {
            if (pieces_ == 1) {
                s_.put(first_.data(), first_.size());
            }
            s_.put(p, n);
        }
        pieces_++;
    }
    std::string_view text() const { return pieces_ <= 1 ? first_ : s_.since(mark_); }

  private:
    Scratch &s_;
    size_t mark_;
    std::string_view first_;
    int pieces_ = 0;
};

std::unique_ptr<Peer> make_coserr();
std::unique_ptr<Peer> make_pugixml();
std::unique_ptr<Peer> make_rapidxml();
std::unique_ptr<Peer> make_rapidxml_cdata();
std::unique_ptr<Peer> make_expat();
std::unique_ptr<Peer> make_libxml2_dom();
std::unique_ptr<Peer> make_libxml2_sax();
std::unique_ptr<Peer> make_mxml();
std::unique_ptr<Peer> make_cos_c_sdk();
std::unique_ptr<Peer> make_cos_cpp_sdk();

#endif
