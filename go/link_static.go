//go:build !coserr_pkgconfig

package coserr

// The default build links the static library built in this repository:
// `make lib` (or `cargo build --release -p coserr-ffi`) in the repository
// root, then `go test ./...` here. The -l flags are the native libraries the
// Rust staticlib needs (`cargo rustc -p coserr-ffi --release --crate-type
// staticlib -- --print native-static-libs`, less -lc).

/*
#cgo CFLAGS: -I${SRCDIR}/../include
#cgo LDFLAGS: ${SRCDIR}/../target/release/libcoserr_ffi.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
*/
import "C"
