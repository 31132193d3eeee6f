package i18n

func init() { add(surveyReportMessages) }

// surveyReportMessages are the reports of PPI survey rounds and of their
// comparisons (PDF and xlsx) and their charts. The formulas avoid Greek
// letters and root signs, which the PDF's core fonts cannot print.
var surveyReportMessages = map[string]msg{
	"svrep.title.round":   {"Laporan survei PPI", "PPI survey report"},
	"svrep.title.compare": {"Laporan perbandingan survei PPI", "PPI survey comparison report"},
	"svrep.printed":       {"Dicetak %s oleh %s · Berdaya", "Printed %s by %s · Berdaya"},
	"svrep.from_to":       {"Dari %s ke %s", "From %s to %s"},
	"svrep.page":          {"Halaman %d dari %d", "Page %d of %d"},
	"svrep.file.round":    {"laporan-ppi", "ppi-report"},
	"svrep.file.compare":  {"perbandingan-ppi", "ppi-comparison"},
	"svrep.downloads":     {"Laporan", "Reports"},
	"svrep.download_pdf":  {"Unduh laporan PDF", "Download the PDF report"},
	"svrep.download_xlsx": {"Unduh laporan Excel (xlsx)", "Download the Excel report (xlsx)"},
	"svrep.region":        {"Wilayah", "Region"},
	"svrep.allocation":    {"Alokasi", "Allocation"},
	"svrep.strata_by":     {"Strata menurut", "Strata by"},
	"svrep.alpha":         {"Faktor presisi (alpha) per garis", "Precision factor (alpha) per line"},
	"svrep.follow_up":     {"Putaran tindak lanjut", "Follow-up round"},
	"svrep.rates":         {"Tingkat kemiskinan per garis kemiskinan", "Poverty rate per poverty line"},
	"svrep.rates_compare": {"Perubahan per garis kemiskinan", "Change per poverty line"},
	"svrep.method":        {"Metode dan rumus", "Method and formulas"},
	"svrep.assumptions":   {"Asumsi perbandingan", "Assumptions of the comparison"},

	"svrep.col.line":          {"Garis kemiskinan", "Poverty line"},
	"svrep.col.code":          {"Kode", "Code"},
	"svrep.col.low":           {"Batas bawah", "Lower bound"},
	"svrep.col.high":          {"Batas atas", "Upper bound"},
	"svrep.col.se":            {"Galat baku", "Standard error"},
	"svrep.col.weight":        {"Bobot", "Weight"},
	"svrep.col.breakdown":     {"Rincian", "Breakdown"},
	"svrep.col.category":      {"Kategori", "Category"},
	"svrep.col.band":          {"Rentang skor", "Score band"},
	"svrep.col.band_low":      {"Skor dari", "Score from"},
	"svrep.col.band_high":     {"Skor sampai", "Score to"},
	"svrep.col.households":    {"Rumah tangga", "Households"},
	"svrep.col.change":        {"Perubahan", "Change"},
	"svrep.col.change_points": {"Perubahan (poin persen)", "Change (percentage points)"},
	"svrep.col.alpha":         {"Faktor presisi (alpha)", "Precision factor (alpha)"},
	"svrep.col.round":         {"Putaran", "Round"},

	"svrep.sheet.summary":    {"Ringkasan", "Summary"},
	"svrep.sheet.breakdowns": {"Rincian", "Breakdowns"},
	"svrep.sheet.scores":     {"Sebaran skor", "Score distribution"},

	"svrep.chart.lines":    {"Tingkat kemiskinan per garis, dengan selang kepercayaan", "Poverty rate per line, with its confidence interval"},
	"svrep.chart.strata":   {"Tingkat kemiskinan per strata", "Poverty rate per stratum"},
	"svrep.chart.compare":  {"Tingkat kemiskinan putaran dasar dan putaran tindak lanjut", "Poverty rate of the baseline and the follow-up round"},
	"svrep.chart.change":   {"Perubahan tingkat kemiskinan (poin persen)", "Change in the poverty rate (percentage points)"},
	"svrep.chart.interval": {"Garis hitam: selang kepercayaan %s", "Black lines: the %s confidence interval"},
	"svrep.chart.empty":    {"Belum ada data untuk grafik ini.", "There is no data for this chart yet."},

	"svrep.formula.rate":       {"Tingkat kemiskinan: p = (p1 + p2 + … + pn) / n, rata-rata peluang kemiskinan rumah tangga yang diwawancarai menurut tabel kartu skor.", "Poverty rate: p = (p1 + p2 + … + pn) / n, the mean of the interviewed households' poverty likelihoods from the scorecard's table."},
	"svrep.formula.se":         {"Galat baku: SE = akar(alpha × p(1 − p) / n × (N − n) / (N − 1)), dengan N rumah tangga dalam populasi, n yang diwawancarai, dan alpha faktor presisi garis itu.", "Standard error: SE = sqrt(alpha × p(1 − p) / n × (N − n) / (N − 1)), with N the households in the population, n those interviewed and alpha the line's precision factor."},
	"svrep.formula.stratified": {"Sampel berstrata: p = jumlah Wh × ph dengan Wh = Nh / N; SE = akar(alpha × jumlah Wh² × Vh), dengan Vh varians strata h menurut rumus di atas dengan Nh dan nh-nya.", "Stratified sample: p = sum of Wh × ph with Wh = Nh / N; SE = sqrt(alpha × sum of Wh² × Vh), with Vh the variance of stratum h by the formula above with its own Nh and nh."},
	"svrep.formula.interval":   {"Selang kepercayaan %s: p ± z × SE dengan z = %s, dibatasi antara 0%% dan 100%%.", "%s confidence interval: p ± z × SE with z = %s, kept between 0%% and 100%%."},
	"svrep.formula.z":          {"z = %s untuk tingkat kepercayaan %s.", "z = %s for the %s confidence level."},
	"svrep.formula.breakdown":  {"Rincian (per kecamatan, kelompok, jenis kelamin kepala rumah tangga) memakai rumus yang sama di dalam tiap kategori, dengan N kategori itu.", "Breakdowns (by district, group, sex of the household head) use the same formulas within each category, with that category's N."},
	"svrep.formula.change":     {"Perubahan: d = p tindak lanjut − p dasar; SE = akar(SE dasar² + SE tindak lanjut²); selang d ± z × SE; perubahan bersih rumah tangga miskin = d × N, dengan N populasi putaran tindak lanjut.", "Change: d = p follow-up − p baseline; SE = sqrt(SE baseline² + SE follow-up²); interval d ± z × SE; net change in poor households = d × N, with N the follow-up round's population."},

	"svrep.err.no_shared_line": {"Putaran ini dan putaran dasarnya tidak memakai garis kemiskinan yang sama.", "This round and its baseline use no poverty line in common."},
}
