package i18n

func init() { add(surveyPageMessages) }

// surveyPageMessages are the PPI survey pages': the list of rounds, a round
// with its sample, the interview form and the estimate.
var surveyPageMessages = map[string]msg{
	"nav.surveys": {"Survei PPI", "PPI surveys"},

	"svp.round":           {"Putaran", "Round"},
	"svp.scorecard":       {"Kartu skor", "Scorecard"},
	"svp.lines":           {"Garis kemiskinan", "Poverty lines"},
	"svp.method":          {"Metode sampel", "Sampling method"},
	"svp.population":      {"Populasi", "Population"},
	"svp.sample_size":     {"Ukuran sampel", "Sample size"},
	"svp.population_size": {"Rumah tangga dalam populasi", "Households in the population"},
	"svp.seed":            {"Seed acak", "Random seed"},
	"svp.drawn":           {"Sampel ditarik", "Sample drawn"},
	"svp.not_drawn":       {"Belum ditarik", "Not drawn yet"},
	"svp.baseline":        {"Putaran dasar", "Baseline round"},
	"svp.none":            {"Belum ada putaran survei PPI yang dapat Anda lihat.", "There are no PPI survey rounds you can see yet."},
	"svp.none_help":       {"Putaran dibuat dan sampelnya ditarik oleh manajer program.", "Rounds are created and drawn by a programme manager."},

	"svp.units":      {"Rumah tangga sampel", "Sampled households"},
	"svp.progress":   {"Sudah diwawancarai: %d dari %d", "Interviewed: %d of %d"},
	"svp.respondent": {"Responden", "Respondent"},
	"svp.village":    {"Desa/kelurahan", "Village"},
	"svp.status":     {"Status", "Status"},

	"svp.interview": {"Wawancara", "Interview"},
	"svp.date":      {"Tanggal wawancara", "Interview date"},
	"svp.known":     {"Diisi dari data registrasi rumah tangga.", "Filled from the household's registration."},
	"svp.save":      {"Simpan wawancara", "Save interview"},
	"svp.saved":     {"Wawancara disimpan; skor dan peluang kemiskinan sudah dihitung.", "Interview saved; the score and poverty likelihood are computed."},
	"svp.view":      {"Lihat", "View"},

	// Correcting a recorded interview (audited).
	"svp.correct":          {"Koreksi wawancara", "Correct the interview"},
	"svp.view_correct":     {"Lihat / koreksi", "View / correct"},
	"svp.result":           {"Hasil yang tercatat", "Recorded result"},
	"svp.enumerator":       {"Pewawancara", "Enumerator"},
	"svp.score_likelihood": {"skor %d · peluang miskin %s", "score %d · poverty likelihood %s"},
	"svp.correct_help":     {"Rumah tangga ini sudah diwawancarai. Jawaban yang tercatat ada di bawah: ubah yang salah, tulis alasannya, lalu simpan. Koreksi dicatat bersama jawaban sebelumnya.", "This household has already been interviewed. The recorded answers are below: change what is wrong, give the reason, then save. The correction is kept with the earlier answers."},
	"svp.reason":           {"Alasan koreksi", "Reason for the correction"},
	"svp.reason_hint":      {"mis. jawaban pertanyaan 2 salah catat", "e.g. question 2 was recorded wrongly"},
	"svp.save_correction":  {"Simpan koreksi", "Save the correction"},
	"svp.read_only":        {"Anda dapat melihat wawancara ini, tetapi peran Anda tidak mengizinkan mengisi atau mengoreksinya.", "You can see this interview, but your role does not allow you to enter or correct it."},
	"svp.corrected":        {"Koreksi disimpan; skor dan peluang kemiskinan dihitung ulang.", "Correction saved; the score and poverty likelihood are computed again."},
	"svp.unchanged":        {"Tidak ada yang berubah: tanggal dan jawaban sama dengan yang tercatat, jadi tidak ada koreksi yang disimpan.", "Nothing changed: the date and answers are those recorded, so no correction was stored."},
	"svp.history":          {"Riwayat koreksi", "Correction history"},
	"svp.no_history":       {"Wawancara ini belum pernah dikoreksi.", "This interview has never been corrected."},
	"svp.question_no":      {"Pertanyaan %d", "Question %d"},

	"svp.estimate":       {"Perkiraan tingkat kemiskinan", "Poverty rate estimate"},
	"svp.rate":           {"Tingkat kemiskinan", "Poverty rate"},
	"svp.interval":       {"Selang kepercayaan %s", "%s confidence interval"},
	"svp.interval_short": {"Selang kepercayaan", "Confidence interval"},
	"svp.rate_short":     {"Tingkat", "Rate"},
	"svp.interval_col":   {"Selang", "Interval"},
	"svp.n":              {"Rumah tangga diwawancarai (n)", "Households interviewed (n)"},
	"svp.method_note":    {"Tingkat kemiskinan adalah rata-rata peluang kemiskinan rumah tangga yang diwawancarai (bukan peluang dari skor rata-rata); selang memakai pendekatan normal dengan koreksi populasi terbatas.", "The poverty rate is the mean of the interviewed households' poverty likelihoods (not the likelihood of the mean score); the interval uses the normal approximation with the finite-population correction."},
	"svp.by_stratum":     {"Per strata", "By stratum"},
	"svp.by_district":    {"Per kecamatan", "By district"},
	"svp.by_group":       {"Per kelompok", "By group"},
	"svp.by_branch":      {"Per cabang", "By branch"},
	"svp.no_branch":      {"Tanpa cabang (kelompok tanpa unit)", "No branch (group without a unit)"},
	"svp.by_head_sex":    {"Menurut jenis kelamin kepala rumah tangga", "By sex of the household head"},
	"svp.unknown":        {"Tidak diketahui", "Unknown"},
	"svp.chart_title":    {"Sebaran skor PPI", "Distribution of PPI scores"},
	"svp.chart_axis":     {"Skor PPI per rentang 5 poin; angka di atas batang = jumlah rumah tangga", "PPI score in bands of 5 points; the number above a bar = households"},

	// A line asked for in the address that the round does not use.
	"svp.err.line_absent": {"Garis kemiskinan ini tidak dipakai putaran ini.", "This poverty line is not in this round."},
}
