// A malloc interposer: the program's own malloc, calloc and realloc count
// each call and hand it to glibc's allocator (__libc_*), so that every
// library in the process, static or shared, allocates through them (glibc
// supports replacing malloc this way). free needs no count but must be
// defined with them, so that a block always goes back the way it came.
#include "alloc_count.hpp"

#include <cstddef>

extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
}

static unsigned long long allocations;

unsigned long long alloc_count() { return allocations; }

extern "C" {

void *malloc(size_t n) {
    allocations++;
    return __libc_malloc(n);
}

void *calloc(size_t count, size_t n) {
    allocations++;
    return __libc_calloc(count, n);
}

// A realloc to a size above 0 counts (it may move the block); realloc to 0
// frees.
void *realloc(void *p, size_t n) {
    if (p == nullptr || n > 0) {
        allocations++;
    }
    return __libc_realloc(p, n);
}

void free(void *p) { __libc_free(p); }
}
