// Heap allocations made by this process so far (every library's malloc,
// calloc, realloc and operator new, which calls malloc), counted by
// alloc_count.cpp's malloc interposer.
#ifndef COSERR_BENCH_C_ALLOC_COUNT_HPP
#define COSERR_BENCH_C_ALLOC_COUNT_HPP

unsigned long long alloc_count();

#endif
