package i18n

func init() { add(surveyCompareMessages) }

// surveyCompareMessages are the comparison page's: a follow-up round's
// poverty rate against its baseline round's on one line.
var surveyCompareMessages = map[string]msg{
	"svc.compare":             {"Perbandingan dengan putaran dasar", "Comparison with the baseline round"},
	"svc.link":                {"Bandingkan dengan putaran dasar", "Compare with the baseline round"},
	"svc.no_baseline":         {"Putaran ini tidak memiliki putaran dasar, jadi tidak ada yang dapat dibandingkan.", "This round has no baseline round, so there is nothing to compare it with."},
	"svc.baseline":            {"Putaran dasar", "Baseline round"},
	"svc.follow_up":           {"Putaran ini", "This round"},
	"svc.change":              {"Perubahan tingkat kemiskinan", "Change in the poverty rate"},
	"svc.points":              {"%s poin persen", "%s percentage points"},
	"svc.difference":          {"Perubahan (putaran ini dikurangi putaran dasar)", "Change (this round minus the baseline)"},
	"svc.households":          {"Perubahan bersih jumlah rumah tangga miskin (dibulatkan)", "Net change in poor households (rounded)"},
	"svc.population":          {"Rumah tangga dalam populasi putaran ini (N)", "Households in this round's population (N)"},
	"svc.confidence":          {"Tingkat kepercayaan", "Confidence level"},
	"svc.assumptions":         {"Asumsi", "Assumptions"},
	"svc.direction.fell":      {"Tingkat kemiskinan turun secara nyata: seluruh selang kepercayaan %s perubahan berada di bawah nol.", "The poverty rate fell: the whole %s confidence interval of the change is below zero."},
	"svc.direction.rose":      {"Tingkat kemiskinan naik secara nyata: seluruh selang kepercayaan %s perubahan berada di atas nol.", "The poverty rate rose: the whole %s confidence interval of the change is above zero."},
	"svc.direction.uncertain": {"Perubahan belum dapat dipastikan: selang kepercayaan %s perubahan memuat nol, jadi data ini tidak menunjukkan kenaikan maupun penurunan.", "No change is shown: the %s confidence interval of the change includes zero, so these data show neither a rise nor a fall."},
	"svc.negative_note":       {"Angka negatif berarti tingkat kemiskinan atau jumlah rumah tangga miskin turun.", "A negative figure means the poverty rate or the number of poor households fell."},
	"svc.back_estimate":       {"Perkiraan putaran ini", "This round's estimate"},

	// A line asked for that the round and its baseline do not both use.
	"svc.err.line_absent": {"Garis kemiskinan ini tidak dipakai oleh putaran ini dan putaran dasarnya sekaligus, jadi tidak dapat dibandingkan.", "This poverty line is not in both this round and its baseline, so it cannot be compared."},
}
