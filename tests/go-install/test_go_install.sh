#!/usr/bin/env bash
# Checks the Go package as a Go user outside this repository gets it: a new
# module (outside go/) requires github.com/coserr/coserr/go, with a replace
# to the checkout's go/ folder standing in for the download, and builds
# main.go against an installed coserr with nothing but PKG_CONFIG_PATH set:
# no build tag, no CGO_* flags. The program must link libcoserr.so.2 (the
# shared library wins when both are installed, as pkg-config users expect),
# run with it on LD_LIBRARY_PATH, and print the values of the sample body,
# checked by hand against the body below.
#
#   test_go_install.sh <installed prefix> <repository root> <work folder> <body>
set -euo pipefail

prefix=$(realpath "$1")
repo=$(realpath "$2")
work=$3
body=$(realpath "$4")

fail() { echo "go-install-test: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work"
work=$(realpath "$work")
cp "$repo/tests/go-install/main.go" "$work/"

# Only PKG_CONFIG_PATH, no tag, no CGO_* flag. GOPROXY=off: the package
# has no dependency of its own, so nothing may be downloaded. A build cache
# of its own, empty, as on a user's first build: Go's cache keys a cgo
# package on its #cgo lines, not on what pkg-config answers for them
# (golang/go#24544), so a shared cache could hand back a package built
# against another prefix or an older header.
build_env=(env -u GOFLAGS -u CGO_CFLAGS -u CGO_CPPFLAGS -u CGO_LDFLAGS -u CGO_CXXFLAGS
	GOPROXY=off GOCACHE="$work/gocache" PKG_CONFIG_PATH="$prefix/lib/pkgconfig")
cd "$work"
"${build_env[@]}" go mod init example.com/app > /dev/null 2>&1
"${build_env[@]}" go mod edit -require=github.com/coserr/coserr/go@v0.0.0 \
	-replace=github.com/coserr/coserr/go="$repo/go"
"${build_env[@]}" go mod tidy
"${build_env[@]}" go vet ./...
"${build_env[@]}" go build -o app .

readelf -d app | grep -E 'NEEDED.*\[libcoserr\.so\.2\]' > /dev/null || fail "app does not need libcoserr.so.2"

LD_LIBRARY_PATH="$prefix/lib" ./app "$body" > out.txt || { cat out.txt; fail "app failed"; }
cat > expected.txt <<'OUT'
status 404
code NoSuchKey
message The specified key does not exist.
resource examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404
request id NjA3OGY4NGFfNjJkMmMwYl8***
trace id OGVmYzZiMmQzYjA2OWNh***
category not-found
retry none
not found true
abi 2
OUT
diff -u expected.txt out.txt || fail "app printed other values"

# Without the library on the loader path the program cannot start: it
# really is the installed shared library that answered above (unless this
# machine has a libcoserr.so.2 installed system-wide).
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -F libcoserr.so.2 > /dev/null; then
	! env -u LD_LIBRARY_PATH ./app "$body" > /dev/null 2>&1 || fail "app ran without libcoserr.so.2 on its loader path"
fi
echo "go-install-test: a module outside go/ built against $prefix without tags and parsed the body"
