package i18n

func init() { add(surveyImportMessages) }

// surveyImportMessages are the interview import's: its row and header
// reasons, its template's code sheet, its page and its command-line output.
var surveyImportMessages = map[string]msg{
	"ppisurvey.err.import_enumerator": {"Pencacah tidak ditemukan: sebutkan pengguna aktif organisasi ini.", "Enumerator not found: name an active user of this organisation."},
	"ppisurvey.err.import_column_twice": {"Kolom %s muncul dua kali di baris judul; hapus salah satunya.",
		"Column %s appears twice in the header row; delete one of them."},
	"ppisurvey.err.import_question_columns": {"Kolom %s tidak ada di berkas. Kartu skor ini memiliki %d pertanyaan (q1 sampai q%[2]d) dan setiap pertanyaan perlu kolomnya, kecuali provinsi yang diisi dari registrasi.",
		"Column %s is missing from the file. This scorecard has %d questions (q1 to q%[2]d) and each needs its column, except the province, which the registry fills in."},
	"ppisurvey.err.import_duplicate": {"Rumah tangga ini sudah ada di baris %d berkas ini; satu rumah tangga hanya boleh satu baris.",
		"This household is already on line %d of this file; a household may have one row only."},
	"ppisurvey.err.import_reserve": {"Rumah tangga ini ada di daftar cadangan dan belum menggantikan rumah tangga sampel; catat dulu penggantiannya di halaman putaran, lalu impor lagi.",
		"This household is on the reserve list and has not replaced a sampled household; record the replacement on the round's page first, then import again."},
	"ppisurvey.err.import_replaced": {"Rumah tangga ini sudah dicatat menolak atau tidak dapat dijangkau dan sudah diganti; wawancaranya tidak dihitung.",
		"This household was recorded as refusing or unreachable and has been replaced; its interview does not count."},
	"ppisurvey.err.import_unit": {"unit_id ini bukan rumah tangga putaran ini dalam wilayah Anda; pakai templat yang diunduh dari putaran ini.",
		"This unit_id is not a household of this round within your area; use the template downloaded from this round."},
	"ppisurvey.err.nik_excel": {"NIK tidak ditemukan di registrasi dalam wilayah Anda. Angka terakhirnya 0: bila NIK diketik di sel angka Excel, angka ke-16 selalu menjadi 0. Jadikan kolom NIK Teks lalu ketik ulang dari formulir.",
		"NIK not found in the registry within your area. It ends in 0: when a NIK is typed into a number cell, Excel turns its 16th digit into 0. Format the NIK column as Text and retype it from the form."},
	"ppisurvey.err.answer_number": {"Tulis kode huruf jawaban (A, B, C ...), bukan angka: angka bisa berarti urutan jawaban atau jumlah yang ditanyakan. Lihat lembar kode jawaban di templat.",
		"Write the answer's letter code (A, B, C ...), not a number: a number could be the answer's position or the count the question asks for. See the answer codes sheet of the template."},

	"ppisurvey.codes.column":      {"Kolom", "Column"},
	"ppisurvey.codes.question_id": {"Pertanyaan (Indonesia)", "Question (Indonesian)"},
	"ppisurvey.codes.question_en": {"Pertanyaan (Inggris)", "Question (English)"},
	"ppisurvey.codes.code":        {"Kode", "Code"},
	"ppisurvey.codes.answer_id":   {"Jawaban (Indonesia)", "Answer (Indonesian)"},
	"ppisurvey.codes.answer_en":   {"Jawaban (Inggris)", "Answer (English)"},

	"svi.title": {"Impor wawancara", "Import interviews"},
	"svi.link":  {"Impor wawancara dari berkas", "Import interviews from a file"},
	"svi.help": {"Untuk wawancara yang dilakukan di kertas atau di aplikasi lain. Unduh templat: satu baris per rumah tangga sampel yang belum diwawancarai, dengan unit_id, NIK, nama dan desa sudah terisi. Isi tanggal wawancara dan kode jawaban tiap pertanyaan, lalu unggah berkasnya. Baris yang benar disimpan; baris yang ditolak ditampilkan dengan alasannya. Mengimpor berkas yang sama lagi tidak menggandakan apa pun.",
		"For interviews done on paper or in another tool. Download the template: one row per sampled household not interviewed yet, with unit_id, NIK, name and village filled in. Type the interview date and each question's answer code, then upload the file. Good rows are saved; rejected rows are shown with their reasons. Importing the same file again never adds an interview twice."},
	"svi.template":      {"Unduh templat (.xlsx)", "Download the template (.xlsx)"},
	"svi.columns":       {"Kolom berkas", "File columns"},
	"svi.col_key":       {"unit_id (dari templat) atau nik (NIK responden atau anggota lain rumah tangganya): salah satu wajib.", "unit_id (from the template) or nik (the NIK of the respondent or another member of the household): one of them is required."},
	"svi.col_date":      {"date atau tanggal: tanggal wawancara, dd/mm/yyyy, mis. 20/11/2026.", "date (or tanggal): the interview date, dd/mm/yyyy, e.g. 20/11/2026."},
	"svi.col_q":         {"q1 sampai q%d: kode huruf jawaban tiap pertanyaan (A, B, C ...; huruf kecil dan spasi tidak masalah).", "q1 to q%d: each question's answer letter (A, B, C ...; lower case and spaces are fine)."},
	"svi.col_other":     {"Kolom lain (name, village, catatan) diabaikan. Baris tanpa tanggal dan tanpa jawaban dilewati: rumah tangga yang belum diwawancarai.", "Other columns (name, village, notes) are ignored. Rows with no date and no answers are skipped: households not interviewed yet."},
	"svi.questions":     {"Pertanyaan kartu skor %s", "Questions of scorecard %s"},
	"svi.known":         {"boleh kosong: diisi dari registrasi", "may be blank: filled in from the registry"},
	"svi.done":          {"Hasil impor %s", "Result of importing %s"},
	"svi.summary":       {"%s baris dibaca: %s diimpor, %s tidak berubah, %s dilewati (belum diisi), %s ditolak.", "Rows read: %s. Imported: %s, unchanged: %s, skipped (not filled in): %s, rejected: %s."},
	"svi.again":         {"Perbaiki baris yang ditolak lalu impor berkas yang sama lagi; baris yang sudah masuk tidak akan digandakan.", "Fix the rejected rows and import the same file again; rows already imported will not be added twice."},
	"svi.sheet_rows":    {"Wawancara", "Interviews"},
	"svi.sheet_codes":   {"Kode jawaban", "Answer codes"},
	"svi.file_name":     {"wawancara", "interviews"},
	"svi.cli_summary":   {"dibaca %d, diimpor %d, tidak berubah %d, dilewati %d, ditolak %d", "read %d, imported %d, unchanged %d, skipped %d, rejected %d"},
	"svi.cli_ambiguous": {"Ada beberapa putaran bernama %s; sebutkan ID-nya.", "There are several rounds named %s; give its ID."},
}
