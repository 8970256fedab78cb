//go:build !race

package coserr

const raceEnabled = false
