package coserr

import (
	"math"
	"time"
)

// ClockSkew is the service's clock minus now (ServerClock - now), to the
// millisecond: now is taken in whole milliseconds (now.UnixMilli()), as
// coserr_clock_skew_ms takes the local clock. Add it to the local clock
// before signing the request again (Retry RetryClockSkew). ok is false when
// the service's clock is unknown (Flags lacks FlagServerClock): no
// ServerTime in the body and no Date header that parses. The result
// saturates at the limits of time.Duration (about 292 years either way).
func (d Decision) ClockSkew(now time.Time) (skew time.Duration, ok bool) {
	if !d.Flags.Has(FlagServerClock) {
		return 0, false
	}
	return skewDuration(d.ServerClock.UnixMilli(), now.UnixMilli()), true
}

// ClockSkew is the service's clock minus now, as Decision.ClockSkew.
func (e *ServiceError) ClockSkew(now time.Time) (skew time.Duration, ok bool) {
	return e.Decision().ClockSkew(now)
}

// ClockSkew is the service's clock minus now, as Decision.ClockSkew.
func (e *ClientError) ClockSkew(now time.Time) (skew time.Duration, ok bool) {
	return e.Decision().ClockSkew(now)
}

// skewDuration is serverMs - localMs as a Duration, saturating (as
// coserr_clock_skew_ms saturates the difference in milliseconds, and then
// at the Duration's range in nanoseconds).
func skewDuration(serverMs, localMs int64) time.Duration {
	d := serverMs - localMs
	switch {
	case localMs < 0 && d < serverMs: // overflowed upwards
		return math.MaxInt64
	case localMs > 0 && d > serverMs: // overflowed downwards
		return math.MinInt64
	case d > math.MaxInt64/int64(time.Millisecond):
		return math.MaxInt64
	case d < math.MinInt64/int64(time.Millisecond):
		return math.MinInt64
	}
	return time.Duration(d) * time.Millisecond
}

// serverClock is the time of a record's server_time_ms when flags says the
// clock is known, else the zero Time.
func serverClock(flags Flags, ms int64) time.Time {
	if !flags.Has(FlagServerClock) {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
