package i18n

func init() { add(scorecardPageMessages) }

// scorecardPageMessages are the PPI scorecard catalogue's pages: the list with
// where to get a card, the upload form and its errors, and one card with its
// questions, points per poverty line and look-up table.
var scorecardPageMessages = map[string]msg{
	"nav.scorecards": {"Kartu skor PPI", "PPI scorecards"},

	// The catalogue.
	"scp.name":        {"Nama", "Name"},
	"scp.year":        {"Tahun", "Year"},
	"scp.questions_n": {"Pertanyaan", "Questions"},
	"scp.lines":       {"Garis kemiskinan", "Poverty lines"},
	"scp.imported_at": {"Dimuat", "Imported"},
	"scp.by":          {"oleh %s", "by %s"},
	"scp.none":        {"Belum ada kartu skor PPI di katalog.", "The catalogue holds no PPI scorecard yet."},
	"scp.licence": {"Kartu skor dan tabel peluang PPI (Poverty Probability Index) dibuat oleh Innovations for Poverty Action (IPA), yang membagikannya gratis. Berdaya tidak menyertakannya karena lisensinya milik IPA: setiap instalasi memuatnya sendiri.",
		"PPI (Poverty Probability Index) scorecards and look-up tables are made by Innovations for Poverty Action (IPA), which gives them away free. Berdaya does not ship them because their licence is IPA's: each install imports its own."},
	"scp.where":     {"Unduh buku kerja PPI Indonesia (berkas .xlsx \"Scorecard + Look-up Tables\") dari situs IPA:", "Download the Indonesia PPI workbook (the \"Scorecard + Look-up Tables\" .xlsx file) from IPA's site:"},
	"scp.then_here": {"Lalu muat berkasnya dengan formulir di halaman ini.", "Then import it with the form on this page."},
	"scp.ask_admin": {"Minta administrator memuatnya di halaman ini, atau di server dengan perintah:", "Ask an administrator to import it on this page, or on the server with the command:"},
	"scp.used_by":   {"Putaran survei PPI memakai kartu dari katalog ini.", "PPI survey rounds use the cards of this catalogue."},

	// The upload form.
	"scp.upload_title": {"Muat kartu skor", "Import a scorecard"},
	"scp.file":         {"Berkas kartu skor: buku kerja IPA (.xlsx) atau kartu skor bentuk CSV (.csv)", "Scorecard file: IPA's workbook (.xlsx) or a scorecard in CSV form (.csv)"},
	"scp.lookup":       {"Tabel peluang (.csv), hanya untuk kartu skor .csv", "Look-up table (.csv), only with a .csv scorecard"},
	"scp.name_field":   {"Nama di katalog (boleh kosong)", "Name in the catalogue (optional)"},
	"scp.name_help":    {"Kosongkan untuk memakai negara dan tahun dari berkas, mis. \"IDN 2023\".", "Leave it empty to use the country and year from the file, e.g. \"IDN 2023\"."},
	"scp.submit":       {"Muat ke katalog", "Import into the catalogue"},
	"scp.csv_help": {"Bentuk CSV: berkas kartu skor dengan kolom question_no, question, answer_code, answer, lalu satu kolom points atau satu kolom points_<garis> per garis kemiskinan (kolom guidance boleh ada); berkas tabel peluang dengan kolom score (0 sampai 100) lalu satu kolom per kode garis, berisi peluang dalam persen.",
		"CSV form: a scorecard file with the columns question_no, question, answer_code, answer, then one points column or one points_<line> column per poverty line (a guidance column may follow); a look-up file with a score column (0 to 100), then one column per line code holding likelihoods in percent."},
	"scp.again_help": {"Memuat berkas yang sama lagi tidak mengubah apa pun. Kartu dengan isi berbeda tidak pernah menimpa kartu yang sudah ada, karena putaran survei yang memakainya harus tetap sama: beri nama lain.",
		"Importing the same file again changes nothing. A card with different content never replaces one already there, because the survey rounds that use it must stay as they are: give it another name."},
	"scp.imported":  {"Kartu skor dimuat ke katalog.", "The scorecard was imported into the catalogue."},
	"scp.unchanged": {"Kartu skor ini sudah ada di katalog dengan isi yang sama; tidak ada yang diubah.", "This scorecard is already in the catalogue with the same content; nothing was changed."},

	// Upload errors (the importer's own messages say what is wrong inside a file).
	"scp.err.no_file":              {"Pilih berkas kartu skor (.xlsx atau .csv).", "Choose a scorecard file (.xlsx or .csv)."},
	"scp.err.upload":               {"Berkas tidak terkirim dengan utuh; coba unggah lagi.", "The file did not arrive whole; try uploading it again."},
	"scp.err.too_large":            {"%s terlalu besar (lebih dari 16 MB). Buku kerja PPI dari IPA sekitar 2 MB.", "%s is too large (over 16 MB). IPA's PPI workbooks are about 2 MB."},
	"scp.err.too_large_field":      {"Berkas terlalu besar.", "The file is too large."},
	"scp.err.lookup_with_workbook": {"Buku kerja IPA (.xlsx) sudah berisi tabel peluangnya sendiri; kosongkan isian tabel peluang.", "IPA's workbook (.xlsx) holds its own look-up table; leave the look-up field empty."},
	"scp.err.lookup_not_here":      {"Tidak dipakai bersama buku kerja .xlsx.", "Not used with an .xlsx workbook."},
	"scp.err.lookup_needed":        {"%s adalah kartu skor bentuk CSV: pilih juga berkas tabel peluangnya (.csv).", "%s is a scorecard in CSV form: choose its look-up table file (.csv) too."},
	"scp.err.lookup_missing":       {"Pilih berkas tabel peluang.", "Choose the look-up table file."},
	"scp.err.name_taken": {"Sudah ada kartu skor bernama %q dengan isi berbeda. Isi nama lain; kartu yang lama tetap seperti adanya.",
		"A scorecard named %q with different content already exists. Type another name; the existing card stays as it is."},
	"scp.err.name_other":  {"Pilih nama lain.", "Choose another name."},
	"scp.err.name_empty":  {"Berkas ini tidak menyebut negara dan tahunnya: isi nama kartu skor.", "The file names no country and year: type a name for the scorecard."},
	"scp.err.name_needed": {"Isi nama.", "Type a name."},

	// One card.
	"scp.source":        {"Sumber", "Source"},
	"scp.points_kind":   {"Poin", "Points"},
	"scp.per_line":      {"berbeda menurut garis kemiskinan", "differ per poverty line"},
	"scp.same_all":      {"sama untuk semua garis kemiskinan", "the same on every poverty line"},
	"scp.wording":       {"Teks bahasa Indonesia adalah terjemahan Berdaya; IPA hanya menerbitkan teks bahasa Inggris, yang tertulis di bawahnya.", "The Indonesian wording is Berdaya's translation; IPA published the English only, shown beneath it."},
	"scp.per_line_help": {"Pada kartu ini poin setiap jawaban berbeda menurut garis kemiskinan: skor rumah tangga untuk satu garis dihitung dengan poin garis itu. Pilih garisnya di sini.", "On this card an answer's points differ per poverty line: a household's score for a line adds that line's points. Choose the line here."},
	"scp.line_pick":     {"Poin untuk garis", "Points for the line"},
	"scp.all_lines":     {"Semua garis (tabel lebar)", "All lines (wide table)"},
	"scp.show":          {"Tampilkan", "Show"},
	"scp.questions":     {"Pertanyaan dan jawaban", "Questions and answers"},
	"scp.code":          {"Kode", "Code"},
	"scp.answer":        {"Jawaban", "Answer"},
	"scp.guidance":      {"Petunjuk untuk pencacah", "Enumerator guidance"},
	"scp.lines_title":   {"Garis kemiskinan", "Poverty lines"},
	"scp.lookup_title":  {"Tabel peluang: skor → peluang miskin (%)", "Look-up table: score → poverty likelihood (%)"},
	"scp.lookup_help":   {"Peluang (dalam persen) bahwa rumah tangga dengan skor itu berada di bawah setiap garis kemiskinan. Skor total di atas 100 (bisa terjadi pada kartu 2020 dan 2023) dibaca sebagai 100. Tingkat kemiskinan suatu kelompok adalah rata-rata peluang rumah tangganya, bukan peluang dari skor rata-rata.", "The likelihood (in percent) that a household with that score is below each poverty line. A total above 100 (possible on the 2020 and 2023 cards) is looked up as 100. A group's poverty rate is the mean of its households' likelihoods, never the likelihood of the mean score."},
	"scp.score":         {"Skor", "Score"},
	"scp.scroll_hint":   {"Geser tabel ke samping untuk melihat semua garis.", "Swipe the table sideways to see every line."},
	"scp.not_to_change": {"Isi kartu skor milik IPA dan dipakai apa adanya: pertanyaan, pilihan jawaban, poin, dan peluang tidak boleh diubah.", "The card's content is IPA's and is used as published: its questions, answers, points and likelihoods must not be changed."},
}
