// Package errs holds the typed errors that every domain area returns. An error
// carries a code (what kind of failure), a message key from the message catalogue
// and per-field message keys; the web layer maps the code to an HTTP status once and
// translates the keys into the user's language, so users never see internals.
package errs

import (
	"errors"
	"fmt"
)

// Code classifies a failure.
type Code string

// The codes a domain error may carry.
const (
	Invalid      Code = "invalid"      // input breaks a rule (HTTP 422)
	BadRequest   Code = "bad_request"  // input could not be read at all (HTTP 400)
	Unauthorized Code = "unauthorized" // no or wrong credentials (HTTP 401)
	Forbidden    Code = "forbidden"    // known user, not allowed (HTTP 403)
	NotFound     Code = "not_found"    // no such record in reach (HTTP 404)
	Conflict     Code = "conflict"     // clashes with an existing record (HTTP 409)
	TooMany      Code = "too_many"     // rate limited (HTTP 429)
)

// Error is a domain error. Msg and the Fields values are message-catalogue keys.
type Error struct {
	Code   Code
	Msg    string
	Args   []any
	Fields map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Msg, e.Fields)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Msg)
}

// New makes an error with a code and a message key (with optional format args).
func New(code Code, msg string, args ...any) *Error {
	return &Error{Code: code, Msg: msg, Args: args}
}

// Field adds a message key for one input field and returns e for chaining.
func (e *Error) Field(name, msg string) *Error {
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	e.Fields[name] = msg
	return e
}

// Fields collects field problems during validation and turns them into one error.
type Fields map[string]string

// Add records a problem with field name (the first problem per field wins).
func (f Fields) Add(name, msg string) {
	if _, ok := f[name]; !ok {
		f[name] = msg
	}
}

// Err is nil when no field had a problem, else an Invalid error listing them.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Msg: "err.invalid", Fields: f}
}

// CodeOf returns the code of a domain error, or "" for any other error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// As returns the domain error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
