// Package audit is the append-only, hash-chained record of every change: who,
// when, what (entity, id, before and after as JSON). Each organisation has its own
// chain; each entry's hash covers its content and the previous entry's hash, so a
// row that is edited, removed or inserted out of turn breaks the chain and
// `berdaya audit verify` finds it.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Entry is one recorded change.
type Entry struct {
	OrgID      string    `json:"org_id"`
	Seq        int64     `json:"seq"`
	ID         string    `json:"id"`
	At         time.Time `json:"at"`
	ActorID    string    `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	Action     string    `json:"action"`
	Entity     string    `json:"entity"`
	EntityID   string    `json:"entity_id"`
	RegionCode string    `json:"region_code"`
	Before     string    `json:"before"`
	After      string    `json:"after"`
	PrevHash   string    `json:"prev_hash"`
	Hash       string    `json:"hash"`
}

// Change is what a service hands over to be recorded; the audit service fills in
// the sequence, time and hashes.
type Change struct {
	OrgID      string
	ActorID    string
	ActorName  string
	Action     string // e.g. "create", "update", "disable", "login"
	Entity     string // e.g. "user", "org"
	EntityID   string
	RegionCode string // where the changed record sits; "" for organisation-wide
	Before     any    // nil for a creation
	After      any    // nil for a removal
}

// genesis is the "previous hash" of an organisation's first entry.
const genesis = ""

// ComputeHash is the chain hash of an entry: SHA-256 over a JSON array of every
// field but the hash itself, so no field can change unseen.
func ComputeHash(e Entry) string {
	fields := []any{e.OrgID, e.Seq, e.ID, e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.ActorName,
		e.Action, e.Entity, e.EntityID, e.RegionCode, e.Before, e.After, e.PrevHash}
	b, _ := json.Marshal(fields) // a slice of strings and ints always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// snapshot renders a before/after value as JSON ("" for nil).
func snapshot(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// Break describes where an organisation's chain is broken.
type Break struct {
	OrgID  string `json:"org_id"`
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// Report is the outcome of verifying every chain.
type Report struct {
	Orgs    int     `json:"orgs"`
	Entries int64   `json:"entries"`
	Breaks  []Break `json:"breaks"`
}

// OK reports whether every chain is whole.
func (r Report) OK() bool { return len(r.Breaks) == 0 }

// Filter narrows the audit list.
type Filter struct {
	Entity    string
	EntityID  string
	Actor     string
	Action    string
	From, To  time.Time // To is exclusive; zero means open
	Scope     string    // only entries whose region lies in this scope
	Limit     int
	BeforeSeq int64 // paging: entries older than this sequence number
}
