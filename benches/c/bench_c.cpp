// The C/C++ peer benchmark: coserr_parse_body (the C ABI, static library)
// against the XML parsers C and C++ programs already link, and the official
// COS C and C++ SDKs' error parse steps, on every shared bench body.
//
//   bench_c BENCH_DIR EXPECTED_DIR [--rounds N] [--batch-ms MS]
//   bench_c BENCH_DIR EXPECTED_DIR --repeat PARSER BODY N
//
// First the check: coserr's five values for each body against the
// hand-checked EXPECTED_DIR/<body>.txt, then each peer's against coserr's.
// A peer that gets a body wrong is marked WRONG with what differed, and not
// timed. The WRONG cells must be exactly KNOWN_WRONG below (what each
// library's usual API is known to miss), so that a broken peer, or a
// library that changed, fails the run. Then the timing: all peers in one
// process, N rounds, in each round every (body, peer) timed for a batch of
// about MS milliseconds, the order of peers turned by one each round; the
// median of the rounds' ns per parse is reported, with the heap
// allocations per parse and a byte-sum floor (a loop that reads every byte
// of the body once). Exit status 1 on any check failure.
//
// --repeat runs the check, then only PARSER on BODY, N times, in
// bench_c_repeat: for instruction counts that other processes on the
// machine cannot disturb (instructions.sh runs it under callgrind).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "alloc_count.hpp"
#include "check.hpp"
#include "peer.hpp"

namespace {

const char *const BODIES[] = {"typical_482B", "minimal_140B",  "large_4KB",
                              "signature_1KB", "chinese_370B", "cdata_attrs_2KB"};
const int N_BODIES = sizeof BODIES / sizeof BODIES[0];

// (peer, body) pairs whose values are wrong with the library's usual API:
// a CDATA section is a node of its own that value() (rapidxml) and
// mxmlGetOpaque (mxml) do not read, so the Message is lost. And the C SDK's
// mxmlFindElement(root, root, "Error", ..., MXML_DESCEND) only looks below
// the top node: a body without an XML declaration has <Error> as that top
// node, and the SDK finds no error document at all.
const std::set<std::pair<std::string, std::string>> KNOWN_WRONG = {
    {"rapidxml", "cdata_attrs_2KB"},
    {"mxml", "cdata_attrs_2KB"},
    {"cos-c-sdk-v5 (mxml)", "cdata_attrs_2KB"},
    {"cos-c-sdk-v5 (mxml)", "minimal_140B"},
    {"cos-cpp-sdk-v5 (rapidxml)", "cdata_attrs_2KB"},
};

struct Cell {
    bool wrong = false;
    std::string why;
    double allocs = 0;
    std::vector<double> ns;  // one per round
    long iterations = 0;
};

volatile uint64_t sink;

std::string read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "bench_c: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Vectorized (-O2 alone leaves it a byte-at-a-time loop): the floor is
// what reading the body once costs at the machine's best.
__attribute__((noinline, optimize("O3"))) uint64_t byte_sum(const std::string &body) {
    uint64_t sum = 0;
    for (unsigned char c : body) {
        sum += c;
    }
    return sum;
}

}  // namespace

// PARSER on BODY, n times (--repeat); extern "C" and not inlined, so that
// callgrind can count only its instructions (--toggle-collect).
extern "C" __attribute__((noinline)) uint64_t bench_c_repeat(Peer *peer, const std::string *body, long n) {
    Values v;
    uint64_t acc = 0;
    for (long i = 0; i < n; i++) {
        peer->parse(*body, v);
        acc += v.text[CODE].size();
    }
    return acc;
}

namespace {

double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ns per parse over n parses (peer == nullptr: the byte-sum floor).
double time_batch(Peer *peer, const std::string &body, long n) {
    Values v;
    uint64_t acc = 0;
    double start = seconds_now();
    if (peer == nullptr) {
        for (long i = 0; i < n; i++) {
            acc += byte_sum(body);
            asm volatile("" : : "r"(&body) : "memory");  // one real pass per iteration
        }
    } else {
        for (long i = 0; i < n; i++) {
            peer->parse(body, v);
            acc += v.text[CODE].size() + v.present[MESSAGE];
        }
    }
    double elapsed = seconds_now() - start;
    sink = sink + acc;
    return elapsed * 1e9 / static_cast<double>(n);
}

// Parses for a batch of about batch_ms.
long calibrate(Peer *peer, const std::string &body, double batch_ms) {
    long n = 1;
    for (;;) {
        double ns = time_batch(peer, body, n);
        double ms = ns * static_cast<double>(n) / 1e6;
        if (ms >= batch_ms / 8 || n >= (1L << 30)) {
            return std::max(1L, static_cast<long>(static_cast<double>(n) * batch_ms / std::max(ms, 1e-6)));
        }
        n *= 4;
    }
}

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    size_t m = xs.size() / 2;
    return xs.size() % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

std::string fixed(double x, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

std::string count(double allocs) {
    return allocs == static_cast<double>(static_cast<long>(allocs)) ? std::to_string(static_cast<long>(allocs))
                                                                      : fixed(allocs, 2);
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_c BENCH_DIR EXPECTED_DIR [--rounds N] [--batch-ms MS]\n"
                             "       bench_c BENCH_DIR EXPECTED_DIR --repeat PARSER BODY N\n");
        return 2;
    }
    std::string bench_dir = argv[1], expected_dir = argv[2];
    int rounds = 7;
    double batch_ms = 20;
    std::string repeat_peer, repeat_body;
    long repeat_n = -1;
    for (int i = 3; i + 1 < argc; i += 2) {
        std::string opt = argv[i];
        if (opt == "--repeat" && i + 3 < argc) {
            repeat_peer = argv[i + 1];
            repeat_body = argv[i + 2];
            repeat_n = std::atol(argv[i + 3]);
            i += 2;
        } else if (opt == "--rounds") {
            rounds = std::max(1, std::atoi(argv[i + 1]));
        } else if (opt == "--batch-ms") {
            batch_ms = std::max(0.01, std::atof(argv[i + 1]));
        } else {
            std::fprintf(stderr, "bench_c: unknown option %s\n", opt.c_str());
            return 2;
        }
    }

    std::vector<std::unique_ptr<Peer>> peers;
    peers.push_back(make_coserr());
    peers.push_back(make_rapidxml());
    peers.push_back(make_rapidxml_cdata());
    peers.push_back(make_pugixml());
    peers.push_back(make_expat());
    peers.push_back(make_libxml2_sax());
    peers.push_back(make_libxml2_dom());
    peers.push_back(make_mxml());
    peers.push_back(make_cos_cpp_sdk());
    peers.push_back(make_cos_c_sdk());
    const size_t n_peers = peers.size();

    std::vector<std::string> bodies;
    int failures = 0;
    // cells[b][p]; the floor is p == n_peers.
    std::vector<std::vector<Cell>> cells(N_BODIES, std::vector<Cell>(n_peers + 1));

    // The check.
    for (int b = 0; b < N_BODIES; b++) {
        bodies.push_back(read_file(bench_dir + "/" + BODIES[b] + ".xml"));
        Owned want, reference;
        std::string error;
        if (!read_expected(expected_dir + "/" + BODIES[b] + ".txt", want, error) ||
            !coserr_whole(bodies[b], reference, error)) {
            std::fprintf(stderr, "FAIL %s: %s\n", BODIES[b], error.c_str());
            failures++;
            continue;
        }
        std::string diff = differences(reference, want);
        if (!diff.empty()) {
            std::fprintf(stderr, "FAIL %s: coserr differs from the expectation: %s\n", BODIES[b], diff.c_str());
            failures++;
        }
        for (size_t p = 0; p < n_peers; p++) {
            Cell &cell = cells[b][p];
            Values v;
            if (!peers[p]->parse(bodies[b], v)) {
                cell.wrong = true;
                cell.why = "no error document found";
            } else {
                cell.why = differences(own(v), reference);
                cell.wrong = !cell.why.empty();
            }
            // coserr's record cuts a long text to its array (large_4KB's
            // Message and Resource), and coserr_whole held each cut to the
            // field's `truncated` bit: here a start of the text is right.
            if (p == 0 && cell.wrong) {
                Owned rec = own(v);
                bool prefixes = true;
                for (int f = 0; f < N_FIELDS; f++) {
                    prefixes = prefixes && rec.present[f] == reference.present[f] &&
                               reference.text[f].compare(0, rec.text[f].size(), rec.text[f]) == 0;
                }
                cell.wrong = !prefixes;
                cell.why = prefixes ? "" : cell.why;
            }
            bool known = KNOWN_WRONG.count({peers[p]->name(), BODIES[b]}) > 0;
            if (cell.wrong != known) {
                std::fprintf(stderr, "FAIL %s on %s: %s\n", peers[p]->name(), BODIES[b],
                             cell.wrong ? ("WRONG, not a known failure: " + cell.why).c_str()
                                        : "correct, but listed in KNOWN_WRONG");
                failures++;
            }
            // Heap allocations per parse, after one warm-up parse.
            const int n = 64;
            peers[p]->parse(bodies[b], v);
            unsigned long long before = alloc_count();
            for (int i = 0; i < n; i++) {
                peers[p]->parse(bodies[b], v);
            }
            cell.allocs = static_cast<double>(alloc_count() - before) / n;
        }
        if (cells[b][0].allocs != 0) {
            std::fprintf(stderr, "FAIL %s: coserr allocated (%s per parse)\n", BODIES[b],
                         count(cells[b][0].allocs).c_str());
            failures++;
        }
    }
    if (failures > 0) {
        std::fprintf(stderr, "bench_c: %d check failure(s); nothing timed\n", failures);
        return 1;
    }
    if (repeat_n >= 0) {
        for (int b = 0; b < N_BODIES; b++) {
            for (size_t p = 0; p < n_peers; p++) {
                if (repeat_body == BODIES[b] && repeat_peer == peers[p]->name()) {
                    sink = sink + bench_c_repeat(peers[p].get(), &bodies[b], repeat_n);
                    return 0;
                }
            }
        }
        std::fprintf(stderr, "bench_c: no parser %s or no body %s\n", repeat_peer.c_str(), repeat_body.c_str());
        return 2;
    }
    std::printf("check: coserr matches the expected values on all %d bodies; every peer's values compared with "
                "coserr's (WRONG cells as expected)\n\n",
                N_BODIES);

    // The timing.
    for (int b = 0; b < N_BODIES; b++) {
        for (size_t p = 0; p <= n_peers; p++) {
            if (!cells[b][p].wrong) {
                cells[b][p].iterations = calibrate(p < n_peers ? peers[p].get() : nullptr, bodies[b], batch_ms);
            }
        }
    }
    for (int r = 0; r < rounds; r++) {
        for (int b = 0; b < N_BODIES; b++) {
            for (size_t k = 0; k <= n_peers; k++) {
                size_t p = (k + static_cast<size_t>(r)) % (n_peers + 1);
                Cell &cell = cells[b][p];
                if (!cell.wrong) {
                    cell.ns.push_back(time_batch(p < n_peers ? peers[p].get() : nullptr, bodies[b], cell.iterations));
                }
            }
        }
    }

    // The tables.
    std::printf("Median of %d rounds, ns per parse (batches of about %s ms); x fastest: against the fastest "
                "correct parser on that body; x floor: against the byte-sum floor; allocs: heap allocations "
                "per parse.\n\n",
                rounds, fixed(batch_ms, 0).c_str());
    std::printf("| body | byte-sum floor |");
    for (auto &peer : peers) {
        std::printf(" %s |", peer->name());
    }
    std::printf("\n|---|---:|");
    for (size_t p = 0; p < n_peers; p++) {
        std::printf("---:|");
    }
    std::printf("\n");
    for (int b = 0; b < N_BODIES; b++) {
        std::printf("| %s (%zu B) | %s |", BODIES[b], bodies[b].size(), fixed(median(cells[b][n_peers].ns), 0).c_str());
        for (size_t p = 0; p < n_peers; p++) {
            const Cell &cell = cells[b][p];
            std::printf(" %s |", cell.wrong ? "WRONG" : fixed(median(cell.ns), 0).c_str());
        }
        std::printf("\n");
    }
    std::printf("\nHeap allocations per parse (WRONG cells too):\n\n| body |");
    for (auto &peer : peers) {
        std::printf(" %s |", peer->name());
    }
    std::printf("\n|---|");
    for (size_t p = 0; p < n_peers; p++) {
        std::printf("---:|");
    }
    std::printf("\n");
    for (int b = 0; b < N_BODIES; b++) {
        std::printf("| %s |", BODIES[b]);
        for (size_t p = 0; p < n_peers; p++) {
            std::printf(" %s |", count(cells[b][p].allocs).c_str());
        }
        std::printf("\n");
    }
    for (int b = 0; b < N_BODIES; b++) {
        double floor = median(cells[b][n_peers].ns);
        double fastest = 1e300;
        size_t fastest_peer = 0;
        for (size_t p = 0; p < n_peers; p++) {
            if (!cells[b][p].wrong && median(cells[b][p].ns) < fastest) {
                fastest = median(cells[b][p].ns);
                fastest_peer = p;
            }
        }
        std::printf("\n%s (%zu bytes), byte-sum floor %s ns; fastest correct: %s", BODIES[b], bodies[b].size(),
                    fixed(floor, 1).c_str(), peers[fastest_peer]->name());
        if (fastest_peer != 0) {
            std::printf(" (coserr takes %sx its time)", fixed(median(cells[b][0].ns) / fastest, 2).c_str());
        }
        std::printf("\n\n");
        std::printf("| parser | ns/parse | x fastest | x floor | allocs/parse | note |\n|---|---:|---:|---:|---:|---|\n");
        for (size_t p = 0; p < n_peers; p++) {
            const Cell &cell = cells[b][p];
            if (cell.wrong) {
                std::printf("| %s | WRONG | | | %s | %s |\n", peers[p]->name(), count(cell.allocs).c_str(),
                            cell.why.c_str());
            } else {
                double ns = median(cell.ns);
                std::printf("| %s | %s | %s | %s | %s | |\n", peers[p]->name(), fixed(ns, 0).c_str(),
                            fixed(ns / fastest, 2).c_str(), fixed(ns / floor, 1).c_str(), count(cell.allocs).c_str());
            }
        }
    }
    std::printf("\nHow each parser reads a body:\n\n");
    for (auto &peer : peers) {
        std::printf("- %s: %s\n", peer->name(), peer->how());
    }
    return 0;
}
