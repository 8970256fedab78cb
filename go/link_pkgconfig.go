//go:build coserr_pkgconfig

package coserr

// With the build tag coserr_pkgconfig, the header and the static library come
// from an installed coserr (`make install PREFIX=...`): pkg-config must find
// coserr.pc (set PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig if needed).

/*
#cgo pkg-config: --static coserr
*/
import "C"
