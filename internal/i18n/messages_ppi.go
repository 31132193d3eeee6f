package i18n

func init() { add(ppiMessages) }

// ppiMessages are the Poverty Probability Index messages: scoring errors,
// import errors located at file/sheet, row and column, and where to get a
// scorecard when the install has none.
var ppiMessages = map[string]msg{
	// Scoring.
	"ppi.err.missing_answer": {"Pertanyaan %d belum dijawab. Skor PPI dihitung dari semua pertanyaan.", "Question %d has no answer. A PPI score needs every question answered."},
	"ppi.err.unknown_code":   {"Pertanyaan %d: kode jawaban %q tidak ada. Pilihan: %s.", "Question %d: there is no answer code %q. Choose one of: %s."},
	"ppi.err.unknown_line":   {"Garis kemiskinan %q tidak ada di kartu skor ini. Pilihan: %s.", "The scorecard has no poverty line %q. Choose one of: %s."},
	"ppi.err.row_missing":    {"jawaban kosong", "no answer"},
	"ppi.err.row_code":       {"kode jawaban %q tidak ada (pilihan: %s)", "no answer code %q (choose one of: %s)"},
	"ppi.err.rows":           {"%d baris tidak dapat diberi skor.", "%d rows could not be scored."},
	"ppi.err.row":            {"baris %d, kolom %s: %s", "row %d, column %s: %s"},

	// The catalogue.
	"ppi.err.not_found":  {"Kartu skor PPI %q tidak ada. Lihat daftarnya dengan `berdaya ppi list`.", "There is no PPI scorecard %q. See the list with `berdaya ppi list`."},
	"ppi.err.name_taken": {"Sudah ada kartu skor bernama %q dengan isi berbeda. Pilih nama lain dengan --name.", "A scorecard named %q with different content already exists. Choose another name with --name."},
	"ppi.err.name_empty": {"Nama kartu skor belum diisi (--name).", "The scorecard has no name (--name)."},
	"ppi.none": {"Belum ada kartu skor PPI. Unduh kartu skor dan tabel peluang (look-up) Indonesia dari Innovations for Poverty Action (IPA) di https://www.povertyindex.org/country/indonesia (berkas .xlsx), lalu muat dengan `berdaya ppi import BERKAS.xlsx`.",
		"There is no PPI scorecard yet. Download Indonesia's scorecard and look-up tables from Innovations for Poverty Action (IPA) at https://www.povertyindex.org/country/indonesia (an .xlsx workbook), then load it with `berdaya ppi import FILE.xlsx`."},
	"ppi.imported":  {"kartu skor %s dimuat: %d pertanyaan, %d garis kemiskinan", "imported scorecard %s: %d questions, %d poverty lines"},
	"ppi.list_row":  {"%s (%d): %d pertanyaan; garis kemiskinan: %s", "%s (%d): %d questions; poverty lines: %s"},
	"ppi.unchanged": {"kartu skor %s sudah ada dengan isi yang sama: %d pertanyaan, %d garis kemiskinan", "scorecard %s is already there with the same content: %d questions, %d poverty lines"},

	// The card itself.
	"ppi.err.no_lines":             {"Kartu skor tidak punya garis kemiskinan.", "The scorecard has no poverty lines."},
	"ppi.err.no_questions":         {"Kartu skor tidak punya pertanyaan.", "The scorecard has no questions."},
	"ppi.err.lookup_scores":        {"Tabel peluang garis %s harus berisi skor 0 sampai 100 (101 baris), tertulis %d.", "The look-up table of line %s must hold scores 0 to 100 (101 rows); it has %d."},
	"ppi.err.lookup_range":         {"Tabel peluang garis %s, skor %d: peluang harus antara 0 dan 100 persen.", "Look-up table of line %s, score %d: the likelihood must lie between 0 and 100 percent."},
	"ppi.err.question_order":       {"Pertanyaan ke-%d bernomor %d; nomor harus berurutan mulai 1.", "Question %d is numbered %d; questions must be numbered in order from 1."},
	"ppi.err.few_answers":          {"Pertanyaan %d punya kurang dari dua pilihan jawaban.", "Question %d has fewer than two answers."},
	"ppi.err.answer_code_dup":      {"Pertanyaan %d: kode jawaban %q kosong atau ganda.", "Question %d: answer code %q is empty or repeated."},
	"ppi.err.answer_points":        {"Pertanyaan %d, jawaban %s: poin untuk garis %s tidak ada atau negatif.", "Question %d, answer %s: the points for line %s are missing or negative."},
	"ppi.err.file_type":            {"%s: berkas kartu skor harus .xlsx (buku kerja IPA) atau .csv (bentuk CSV dengan berkas look-up).", "%s: a scorecard file must be .xlsx (IPA's workbook) or .csv (the CSV form, with its look-up file)."},
	"ppi.err.open":                 {"Berkas %s tidak dapat dibuka.", "Cannot open the file %s."},
	"ppi.err.lookup_needed":        {"%s: sebutkan berkas tabel peluangnya dengan --lookup BERKAS.csv.", "%s: name its look-up table file with --lookup FILE.csv."},
	"ppi.err.csv_unreadable":       {"%s tidak dapat dibaca sebagai CSV.", "%s cannot be read as CSV."},
	"ppi.err.csv_column":           {"%s: kolom %s tidak ada di baris judul.", "%s: the header row has no column %s."},
	"ppi.err.csv_empty":            {"%s tidak berisi satu pun jawaban.", "%s holds no answers."},
	"ppi.err.csv_points_both":      {"%s: pakai kolom points saja atau kolom points_<garis> saja, bukan keduanya.", "%s: use either one points column or points_<line> columns, not both."},
	"ppi.err.lookup_missing_score": {"%s: skor %d tidak ada di tabel peluang (harus 0 sampai 100).", "%s: score %d is missing from the look-up table (it needs 0 to 100)."},
	"ppi.err.lookup_line_missing":  {"%s: tidak ada kolom untuk garis kemiskinan %s dari kartu skor.", "%s: there is no column for the scorecard's poverty line %s."},
	"ppi.err.lookup_line_extra":    {"%s: kolom %s bukan garis kemiskinan di kartu skor.", "%s: column %s is not a poverty line of the scorecard."},
	"ppi.err.empty_cell":           {"%s, baris %d, kolom %s: sel ini tidak boleh kosong.", "%s, row %d, column %s: this cell cannot be empty."},
	"ppi.err.question_no":          {"%s, baris %d, kolom %s: nomor pertanyaan harus bilangan bulat mulai 1, tertulis %q.", "%s, row %d, column %s: a question number is a whole number from 1; found %q."},
	"ppi.err.question_sequence":    {"%s, baris %d, kolom %s: pertanyaan %d muncul di tempat pertanyaan %d; semua baris satu pertanyaan harus berurutan dan nomornya mulai 1.", "%s, row %d, column %s: question %d comes where question %d was expected; a question's rows must be together, numbered in order from 1."},
	"ppi.err.question_differs":     {"%s, baris %d, kolom %s: teks pertanyaan %d berbeda dari baris sebelumnya.", "%s, row %d, column %s: the wording of question %d differs from its earlier rows."},
	"ppi.err.answer_twice":         {"%s, baris %d, kolom %s: kode jawaban %s muncul dua kali di pertanyaan %d.", "%s, row %d, column %s: answer code %s appears twice in question %d."},
	"ppi.err.points":               {"%s, baris %d, kolom %s: poin harus bilangan bulat 0 atau lebih, tertulis %q.", "%s, row %d, column %s: points must be a whole number, 0 or more; found %q."},
	"ppi.err.score":                {"%s, baris %d, kolom %s: skor harus bilangan bulat 0 sampai 100, sekali saja; tertulis %q.", "%s, row %d, column %s: a score is a whole number from 0 to 100, given once; found %q."},
	"ppi.err.score_twice":          {"%s, baris %d, kolom %s: skor %d muncul dua kali.", "%s, row %d, column %s: score %d appears twice."},
	"ppi.err.likelihood":           {"%s, baris %d, kolom %s: peluang harus angka persen antara 0 dan 100, tertulis %q.", "%s, row %d, column %s: a likelihood is a percentage between 0 and 100; found %q."},
	"ppi.err.wb_unreadable":        {"%s tidak dapat dibaca sebagai buku kerja Excel (.xlsx).", "%s cannot be read as an Excel workbook (.xlsx)."},
	"ppi.err.wb_no_scorecard":      {"%s: tidak ada lembar kartu skor (baris judul dengan \"Responses\" diikuti nama garis kemiskinan). Apakah ini buku kerja PPI dari IPA?", "%s: no scorecard sheet found (a header row with \"Responses\" followed by the poverty-line names). Is this IPA's PPI workbook?"},
	"ppi.err.wb_no_lookup":         {"%s: tidak ada lembar tabel peluang (baris judul dengan \"PPI Score\" diikuti nama garis kemiskinan).", "%s: no look-up table sheet found (a header row with \"PPI Score\" followed by the poverty-line names)."},
	"ppi.err.wb_no_questions":      {"%s: lembar kartu skor tidak berisi pertanyaan.", "%s: the scorecard sheet holds no questions."},
	"ppi.err.wb_response":          {"%s, baris %d, kolom %s: jawaban harus diawali kodenya, mis. \"A. Ya\"; tertulis %q.", "%s, row %d, column %s: a response must start with its code, e.g. \"A. Yes\"; found %q."},
	"ppi.err.wb_line_twice":        {"%s, baris %d, kolom %s: garis kemiskinan %q muncul dua kali.", "%s, row %d, column %s: poverty line %q appears twice."},
	"ppi.err.wb_lines_differ":      {"%s: garis kemiskinan di tabel peluang tidak sama dengan di kartu skor.", "%s: the look-up table's poverty lines differ from the scorecard's."},
}
