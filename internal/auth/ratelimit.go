package auth

import (
	"sync"
	"time"
)

// loginLimiter counts failed sign-ins per username and per client address within a
// window. Past the limit, sign-in is refused without checking the password, which
// stops password guessing while a real user who mistyped waits a few minutes.
type loginLimiter struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	pending  map[string]int // attempts being checked right now, per key
	window   time.Duration
	perUser  int
	perAddr  int
}

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{failures: map[string][]time.Time{}, pending: map[string]int{}, window: 15 * time.Minute, perUser: 5, perAddr: 30}
}

func (l *loginLimiter) keys(username, addr string) (string, string) {
	return "u:" + username, "a:" + addr
}

// begin reports whether another attempt may be checked now and, if so, counts
// it as in flight until done, so that attempts sent at the same moment cannot
// all pass the check before the first failure is recorded. Every begin that
// returns true must be followed by one done.
func (l *loginLimiter) begin(username, addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	ku, ka := l.keys(username, addr)
	if len(l.recent(ku, now))+l.pending[ku] >= l.perUser || len(l.recent(ka, now))+l.pending[ka] >= l.perAddr {
		return false
	}
	l.pending[ku]++
	l.pending[ka]++
	return true
}

// outcome is how a checked attempt ended.
type outcome int

const (
	attemptFailed    outcome = iota // wrong credentials: counts against both keys
	attemptSucceeded                // right password: clears the username's failures
	attemptAborted                  // not decided (e.g. a database error): counts for nothing
)

// done ends an attempt that begin let through.
func (l *loginLimiter) done(username, addr string, now time.Time, o outcome) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ku, ka := l.keys(username, addr)
	for _, k := range []string{ku, ka} {
		if l.pending[k]--; l.pending[k] <= 0 {
			delete(l.pending, k)
		}
	}
	switch o {
	case attemptFailed:
		l.failures[ku] = append(l.recent(ku, now), now)
		l.failures[ka] = append(l.recent(ka, now), now)
	case attemptSucceeded:
		delete(l.failures, ku)
	}
}

// recent drops failures older than the window and returns the rest.
func (l *loginLimiter) recent(key string, now time.Time) []time.Time {
	list := l.failures[key]
	keep := list[:0]
	for _, t := range list {
		if now.Sub(t) < l.window {
			keep = append(keep, t)
		}
	}
	if len(keep) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = keep
	return keep
}

// sweepAbove is how many keys the limiter holds before it drops expired ones, so
// that guesses at many random usernames cannot grow its memory without bound.
const sweepAbove = 10000

func (l *loginLimiter) sweep(now time.Time) {
	if len(l.failures) <= sweepAbove {
		return
	}
	for k := range l.failures {
		l.recent(k, now) // deletes the key when nothing recent is left
	}
}
