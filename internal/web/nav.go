package web

import (
	"strings"

	"github.com/berdaya/berdaya/internal/access"
)

// navItem is one entry of the main menu. Areas add theirs to navItems; an entry
// shows only to users whose role grants its permission.
type navItem struct {
	Key   string // message key of the label, also the "active" marker
	Path  string
	Perm  access.Perm
	Admin bool // grouped under administration
}

var navItems = []navItem{
	{Key: "nav.home", Path: "/", Perm: access.ReadRecords},
	{Key: "nav.persons", Path: "/persons", Perm: access.ReadRecords},
	{Key: "nav.programmes", Path: "/programmes", Perm: access.ReadRecords},
	{Key: "nav.units", Path: "/units", Perm: access.ReadRecords},
	{Key: "nav.groups", Path: "/groups", Perm: access.ReadRecords},
	{Key: "nav.surveys", Path: "/surveys", Perm: access.ReadRecords},
	{Key: "nav.scorecards", Path: "/scorecards", Perm: access.ReadRecords},
	{Key: "nav.facilitator", Path: "/facilitator", Perm: access.WriteRecords},
	{Key: "nav.import", Path: "/import", Perm: access.ImportRecords},
	{Key: "nav.duplicates", Path: "/duplicates", Perm: access.MergeRecords},
	{Key: "nav.regions", Path: "/regions", Perm: access.ReadRecords},
	{Key: "nav.users", Path: "/admin/users", Perm: access.ManageUsers, Admin: true},
	{Key: "nav.audit", Path: "/admin/audit", Perm: access.ReadAudit, Admin: true},
}

func navFor(p access.Principal) []navItem {
	if p.UserID == "" {
		return nil
	}
	var out []navItem
	for _, it := range navItems {
		if p.Can(it.Perm) {
			out = append(out, it)
		}
	}
	return out
}

// activeNav is the key of the menu entry the path belongs to (the longest match).
func activeNav(items []navItem, path string) string {
	best, key := 0, ""
	for _, it := range items {
		under := it.Path != "/" && strings.HasPrefix(path, it.Path+"/")
		if (path == it.Path || under) && len(it.Path) > best {
			best, key = len(it.Path), it.Key
		}
	}
	return key
}
