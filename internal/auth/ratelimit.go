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
	window   time.Duration
	perUser  int
	perAddr  int
}

func newLoginLimiter() *loginLimiter {
	return &loginLimiter{failures: map[string][]time.Time{}, window: 15 * time.Minute, perUser: 5, perAddr: 30}
}

func (l *loginLimiter) keys(username, addr string) (string, string) {
	return "u:" + username, "a:" + addr
}

// allowed reports whether another attempt may be checked now.
func (l *loginLimiter) allowed(username, addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	ku, ka := l.keys(username, addr)
	return len(l.recent(ku, now)) < l.perUser && len(l.recent(ka, now)) < l.perAddr
}

// fail records a failed attempt.
func (l *loginLimiter) fail(username, addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ku, ka := l.keys(username, addr)
	l.failures[ku] = append(l.recent(ku, now), now)
	l.failures[ka] = append(l.recent(ka, now), now)
}

// succeed clears the username's failures after a correct password.
func (l *loginLimiter) succeed(username string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, "u:"+username)
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
