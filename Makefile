# coserr — the two commands: `make demo` and `make test`.
#
# `make test` is what CI runs (.ci/run calls it): formatting, clippy, every
# Rust test, each benchmark once, the header staleness check, the C/C++
# tests against an installed prefix, the Go and Python bindings.

CARGO   ?= cargo
PREFIX  ?= /usr/local
BUILD   := build

.PHONY: all test demo lib install rust-checks rust-test bench-test header-check c-test go-test py-test clean

all: lib

test: rust-checks rust-test bench-test header-check c-test go-test py-test
	@echo "make test: all checks passed"

rust-checks:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

bench-test:
	$(CARGO) test -p coserr-benches --benches

# Filled in by the C ABI work (ffi/, include/, tests/c, examples/).
lib:
header-check:
c-test:
demo:
install:

# Filled in by the bindings.
go-test:
py-test:

clean:
	$(CARGO) clean
	rm -rf $(BUILD)
