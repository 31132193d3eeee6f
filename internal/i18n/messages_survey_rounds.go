package i18n

func init() { add(surveyRoundMessages) }

// surveyRoundMessages are the pages that design a PPI survey round and run
// its sample: the new-round form, the sample-size helper, the draw and the
// replacement of households that refuse or cannot be reached.
var surveyRoundMessages = map[string]msg{
	"svr.new":               {"Putaran survei baru", "New survey round"},
	"svr.new_link":          {"Buat putaran baru", "New round"},
	"svr.name":              {"Nama putaran", "Round name"},
	"svr.name_hint":         {"mis. Survei PPI anggota 2026", "e.g. Members' PPI survey 2026"},
	"svr.choose_card":       {"Pilih kartu skor", "Choose the scorecard"},
	"svr.choose":            {"Pilih", "Choose"},
	"svr.card_first":        {"Pilih kartu skor dahulu; garis kemiskinannya lalu ditampilkan.", "Choose the scorecard first; its poverty lines are then shown."},
	"svr.change_card":       {"Ganti kartu skor", "Change the scorecard"},
	"svr.programme_none":    {"Tanpa program (seluruh lembaga)", "No programme (the whole organisation)"},
	"svr.region":            {"Wilayah (kode)", "Region (code)"},
	"svr.region_help":       {"Kosongkan untuk seluruh wilayah kerja Anda. Boleh provinsi, kabupaten, kecamatan, atau desa.", "Leave blank for your whole scope. A province, regency, district or village."},
	"svr.groups":            {"Kelompok", "Groups"},
	"svr.groups_help":       {"Hanya untuk populasi anggota kelompok.", "Only for a population of group members."},
	"svr.no_groups":         {"Belum ada kelompok dalam wilayah kerja Anda.", "There are no groups in your scope yet."},
	"svr.allocation":        {"Alokasi per strata", "Allocation to strata"},
	"svr.strata":            {"Strata menurut", "Strata by"},
	"svr.strata_help":       {"Alokasi dan strata hanya untuk metode acak berstrata. Strata per kelompok atau cabang hanya untuk anggota kelompok; cabang adalah unit yang mengelola kelompok.", "Allocation and strata apply only to stratified sampling. Strata by group or branch are only for group members; a branch is the unit that runs the group."},
	"svr.size_help":         {"Tidak dipakai untuk sensus. Hitung dengan kalkulator di atas.", "Not used for a census. Work it out with the calculator above."},
	"svr.seed_help":         {"Kosongkan agar sistem memilih; seed dicatat sehingga penarikan dapat diulang persis.", "Leave blank for the system to choose; the seed is recorded so the draw can be repeated exactly."},
	"svr.confidence":        {"Tingkat kepercayaan", "Confidence level"},
	"svr.baseline_none":     {"Tidak ada (putaran pertama)", "None (first round)"},
	"svr.create":            {"Buat putaran", "Create round"},
	"svr.created":           {"Putaran survei dibuat. Periksa rancangannya, lalu tarik sampel.", "Survey round created. Check its design, then draw the sample."},
	"svr.calc":              {"Kalkulator ukuran sampel", "Sample-size calculator"},
	"svr.calc_help":         {"Dengan koreksi populasi terbatas. Salin hasilnya ke isian ukuran sampel.", "With the finite-population correction. Copy the result into the sample-size field."},
	"svr.calc_rate":         {"Perkiraan tingkat kemiskinan", "Expected poverty rate"},
	"svr.calc_rate_help":    {"mis. 0,3; pakai 0,5 bila belum tahu", "e.g. 0.3; use 0.5 when unknown"},
	"svr.calc_precision":    {"Presisi (± titik)", "Precision (± points)"},
	"svr.calc_population":   {"Jumlah rumah tangga dalam populasi", "Households in the population"},
	"svr.calc_population_h": {"Kosongkan bila sangat besar", "Leave blank when very large"},
	"svr.calc_go":           {"Hitung", "Compute"},
	"svr.calc_result":       {"Ukuran sampel yang diperlukan: %s rumah tangga", "Sample size needed (households): %s"},
	"svr.err.rate":          {"Tingkat kemiskinan harus di antara 0 dan 1, mis. 0,3.", "The poverty rate must be between 0 and 1, e.g. 0.3."},
	"svr.err.precision":     {"Presisi harus di antara 0 dan 1, mis. 0,05 untuk ±5 titik.", "The precision must be between 0 and 1, e.g. 0.05 for ±5 points."},
	"svr.err.population":    {"Jumlah rumah tangga harus bilangan bulat, mis. 10000.", "The number of households must be a whole number, e.g. 10000."},
	"svr.err.whole_number":  {"Isi dengan bilangan bulat, mis. 300.", "Enter a whole number, e.g. 300."},
	"svr.err.calc":          {"Ukuran sampel tidak dapat dihitung dengan nilai ini.", "The sample size cannot be computed with these values."},

	"svr.draw":            {"Tarik sampel", "Draw the sample"},
	"svr.draw_help":       {"Sampel ditarik dari rumah tangga yang terdaftar sekarang, dengan seed putaran ini; sisanya menjadi daftar cadangan berurutan acak.", "The sample is drawn from the households registered now, with this round's seed; the rest become the reserve list in random order."},
	"svr.drawn":           {"Sampel ditarik. Rumah tangga sampel tercantum di bawah.", "The sample is drawn. The sampled households are listed below."},
	"svr.reserve":         {"Daftar cadangan tersisa: %s rumah tangga", "Households left on the reserve list: %s"},
	"svr.refused":         {"Menolak", "Refused"},
	"svr.unreachable":     {"Tidak dapat dihubungi", "Cannot be reached"},
	"svr.replaced":        {"Rumah tangga diganti dengan rumah tangga berikutnya dari daftar cadangan (dari strata yang sama bila sampelnya berstrata).", "The household is replaced by the next household of the reserve list (of the same stratum when the sample is stratified)."},
	"svr.replaces":        {"menggantikan %s", "replaces %s"},
	"svr.replace_confirm": {"Ganti rumah tangga ini:", "Replace this household:"},

	// The reserve list on a round's page.
	"svr.reserve_list":      {"Daftar cadangan dalam urutan acak", "Reserve list in random order"},
	"svr.reserve_list_help": {"Rumah tangga yang menolak atau tidak dapat dihubungi diganti dengan rumah tangga cadangan berikutnya dari strata yang sama, menurut urutan ini.", "A household that refuses or cannot be reached is replaced by the next reserve household of the same stratum, in this order."},
	"svr.reserve_more":      {"Ditampilkan %s yang pertama; %s lagi tidak ditampilkan.", "The first %s are shown; %s more are not."},
	"svr.stratum":           {"Strata", "Stratum"},
	"svr.promoted":          {"Masuk sampel", "Promoted"},

	// The precision factor α of each poverty line.
	"svr.alpha_input":      {"α", "α"},
	"svr.alpha_of":         {"Faktor presisi α garis %s", "Precision factor α of line %s"},
	"svr.alpha_title":      {"Faktor presisi α", "Precision factor α"},
	"svr.alpha_help":       {"Faktor presisi α per garis (bawaan 1): varians perkiraan dikalikan α. Tulis mis. 1,2 atau 1.2. Bila sumber memberi faktor untuk lebar selang, isikan kuadratnya.", "Precision factor α per line (default 1): the estimate's variance is multiplied by α. Write e.g. 1.2 or 1,2. When a source gives a factor on the interval's width, enter its square."},
	"svr.err.alpha_number": {"Isi dengan angka, mis. 1 atau 1,2.", "Enter a number, e.g. 1 or 1.2."},

	// Where scorecards come from when the catalogue has none (the CLI says
	// the same with ppi.none).
	"svr.no_card":         {"Belum ada kartu skor PPI", "No PPI scorecard yet"},
	"svr.no_card_ipa":     {"Kartu skor PPI dan tabel peluangnya milik Innovations for Poverty Action (IPA) dan tidak disertakan dalam Berdaya. Unduh buku kerja PPI Indonesia (berkas .xlsx) dari situs IPA:", "PPI scorecards and their look-up tables belong to Innovations for Poverty Action (IPA) and are not shipped with Berdaya. Download Indonesia's PPI workbook (an .xlsx file) from IPA's site:"},
	"svr.no_card_url":     {"https://www.povertyindex.org/country/indonesia", "https://www.povertyindex.org/country/indonesia"},
	"svr.no_card_import":  {"Lalu muat berkas itu ke katalog:", "Then load that file into the catalogue:"},
	"svr.no_card_page":    {"di halaman Kartu skor PPI", "on the PPI scorecards page"},
	"svr.no_card_cli":     {"atau dari baris perintah:", "or from the command line:"},
	"svr.no_card_command": {"berdaya ppi import BERKAS.xlsx", "berdaya ppi import FILE.xlsx"},

	// The sample-size helper and the round form refuse a level outside 50–99.9%.
	"svr.err.confidence": {"Tingkat kepercayaan harus di antara 50% dan 99,9%, mis. 0,90 atau 90%.", "The confidence level must be between 50% and 99.9%, e.g. 0.90 or 90%."},
}
