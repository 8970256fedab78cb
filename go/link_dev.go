//go:build coserr_dev

package coserr

// The development build, with the build tag coserr_dev: the header of this
// repository (../include) and the static library `make lib` builds in its
// root (../build/lib/libcoserr.a); nothing installed, no environment. The
// library needs no native library beyond libc
// (build/lib/native-static-libs.txt is empty), so no -l flag follows it.

/*
#cgo CFLAGS: -I${SRCDIR}/../include
#cgo LDFLAGS: ${SRCDIR}/../build/lib/libcoserr.a
*/
import "C"
