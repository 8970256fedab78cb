//go:build race

package coserr

const raceEnabled = true
