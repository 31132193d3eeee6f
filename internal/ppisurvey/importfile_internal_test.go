package ppisurvey

import "testing"

// TestImportDate checks the date forms clerks and spreadsheets produce.
func TestImportDate(t *testing.T) {
	cases := map[string]string{
		"20/11/2026":          "20/11/2026",
		" 5/11/2026 ":         "05/11/2026",
		"5/11/26":             "05/11/2026",
		"05-11-26":            "05/11/2026",
		"20-11-2026":          "20/11/2026",
		"20.11.2026":          "20/11/2026",
		"2026-11-20":          "20/11/2026",
		"2026-11-20 00:00:00": "20/11/2026",
		"2026/11/20":          "20/11/2026",
		"46346":               "20/11/2026", // an Excel day number
		"46346.5":             "20/11/2026",
		"1/1/99":              "01/01/2099", // two-digit years are 20yy (then refused as future)
		"31/11/2026":          "31/11/2026", // no such day: left for the refusal
		"11/20/2026":          "11/20/2026", // month first: refused, not guessed
		"2026":                "2026",
		"20112026":            "20112026",
		"kemarin":             "kemarin",
		"":                    "",
	}
	for in, want := range cases {
		if got := importDate(in); got != want {
			t.Errorf("importDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnKey(t *testing.T) {
	cases := map[string]string{"Unit ID": "unit_id", " NIK ": "nik", "Tanggal": "date", "tgl": "date", "Q01": "q1", "q10": "q10",
		"q": "q", "q0": "q0", "Q1 Provinsi": "q1_provinsi", "": ""}
	for in, want := range cases {
		if got := columnKey(in); got != want {
			t.Errorf("columnKey(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{" a ": "A", "b\u00a0": "B", "a h": "AH", "": ""} {
		if got := answerCode(in); got != want {
			t.Errorf("answerCode(%q) = %q, want %q", in, got, want)
		}
	}
}
