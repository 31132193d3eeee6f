package demo

import (
	"time"

	"github.com/berdaya/berdaya/internal/registry"
)

// Dates are handled as days since 1970-01-01 while generating: the civil
// calendar conversions below are a few integer operations, where going through
// time.Time for every birth, age and NIK would dominate the generator's cost.

// asOf is the day every age and date is counted back from (see ReferenceDate).
var asOf = daysFromCivil(2026, 1, 1)

// ReferenceDate is the day the generated data is "as of": ages are counted to
// it and no date lies after it. It is fixed rather than today so that a seed
// gives the same data whenever it is run.
func ReferenceDate() time.Time { return registry.Date(2026, time.January, 1) }

// daysFromCivil is the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (H. Hinnant's algorithm, for years >= 0). A day
// past the end of a month rolls into the next one, so 29 February of a common
// year is 1 March.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// addYears moves a day by whole calendar years (29 February to 1 March).
func addYears(day, n int) int {
	y, m, d := civilFromDays(day)
	return daysFromCivil(y+n, m, d)
}

// asOfY, asOfM and asOfD are asOf as a civil date, for ageAt.
var asOfY, asOfM, asOfD = civilFromDays(asOf)

// ageAt is the age in completed years on day t of someone born on day birth.
func ageAt(birth, t int) int {
	y1, m1, d1 := civilFromDays(birth)
	y2, m2, d2 := asOfY, asOfM, asOfD
	if t != asOf {
		y2, m2, d2 = civilFromDays(t)
	}
	a := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		a--
	}
	return a
}

// dayTime is a day as registry dates are held: 00:00 UTC.
func dayTime(day int) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }
