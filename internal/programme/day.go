package programme

import (
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/registry"
)

// Calendar dates (a step's day, a join date, a term) are held as time.Time at
// 00:00 UTC, as the registry holds them, and stored as TEXT yyyy-mm-dd: no
// time zone can shift a day.

const dayLayout = "2006-01-02"

// DayText is the stored form of a calendar date ("" for none).
func DayText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dayLayout)
}

// DayOf reads a stored calendar date ("" gives the zero time).
func DayOf(s string) time.Time {
	t, _ := time.Parse(dayLayout, s)
	return t
}

// Today is the current calendar date in Indonesia (WIB) for a clock reading.
func Today(now time.Time) time.Time {
	t := now.In(time.FixedZone("WIB", 7*3600))
	return registry.Date(t.Year(), t.Month(), t.Day())
}

// ParseDayField reads a date typed as dd/mm/yyyy or sent as yyyy-mm-dd into f's
// field; a required empty date, an unreadable one or one after notAfter (when
// set) is a field problem.
func ParseDayField(f errs.Fields, field, raw string, required bool, notAfter time.Time) time.Time {
	if strings.TrimSpace(raw) == "" {
		if required {
			f.Add(field, "err.date_required")
		}
		return time.Time{}
	}
	d, ok := registry.ParseCellDate(raw)
	switch {
	case !ok:
		f.Add(field, "err.date")
	case d.Year() < 1945:
		f.Add(field, "err.date")
	case !notAfter.IsZero() && d.After(notAfter):
		f.Add(field, "err.date_future")
	default:
		return d
	}
	return time.Time{}
}

func parseDayField(f errs.Fields, field, raw string, required bool) time.Time {
	return ParseDayField(f, field, raw, required, time.Time{})
}
