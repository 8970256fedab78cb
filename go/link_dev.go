//go:build coserr_dev

package coserr

// The development build, with the build tag coserr_dev: the header of this
// repository (../include) and the static library `make lib` builds in its
// root (../build/lib/libcoserr.a); nothing installed, no environment. The
// -l flags are the native libraries that static library still needs
// (build/lib/native-static-libs.txt, less -lc).

/*
#cgo CFLAGS: -I${SRCDIR}/../include
#cgo LDFLAGS: ${SRCDIR}/../build/lib/libcoserr.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
*/
import "C"
