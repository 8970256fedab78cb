//go:build !coserr_dev

package coserr

// The default build: the header and the library come from an installed
// coserr (`make install PREFIX=...` in the coserr repository, or its
// `make dist` tarball), found by pkg-config through coserr.pc (set
// PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig when the prefix is not one
// pkg-config searches). coserr.pc says -lcoserr; with libcoserr.so and
// libcoserr.a both installed the linker takes the shared library, so the
// program needs libcoserr.so.2 on its loader path at run time (a system
// library directory, LD_LIBRARY_PATH, or an rpath given at link time).

/*
#cgo pkg-config: coserr
*/
import "C"
