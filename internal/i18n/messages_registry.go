package i18n

func init() { add(registryMessages) }

// registryMessages are the registry's: households, persons, imports.
var registryMessages = map[string]msg{
	"nav.persons":    {"Penerima manfaat", "Beneficiaries"},
	"nav.import":     {"Impor data", "Import data"},
	"nav.duplicates": {"Kemungkinan ganda", "Possible duplicates"},

	"entity.person":    {"Orang", "Person"},
	"entity.household": {"Keluarga", "Household"},
	"entity.import":    {"Impor", "Import"},

	"action.import":       {"Impor", "Import"},
	"action.import_batch": {"Impor (kelompok baris)", "Import (batch of rows)"},
	"action.merge":        {"Gabung data ganda", "Merge duplicates"},
	"action.export":       {"Ekspor", "Export"},

	"target_group.fakir_miskin":                {"Keluarga fakir miskin", "Poor family"},
	"target_group.masyarakat_terasing":         {"Komunitas adat terpencil", "Isolated community"},
	"target_group.penyandang_disabilitas":      {"Penyandang disabilitas", "Person with disability"},
	"target_group.lanjut_usia":                 {"Lanjut usia", "Elderly"},
	"target_group.anak_terlantar":              {"Anak terlantar", "Neglected child"},
	"target_group.wanita_rawan_sosial_ekonomi": {"Perempuan rawan sosial ekonomi", "Socio-economically vulnerable woman"},
	"target_group.keluarga_muda_mandiri":       {"Keluarga muda mandiri", "Young independent family"},
	"target_group.karang_taruna":               {"Remaja dan pemuda (Karang Taruna)", "Youth (Karang Taruna)"},
	"target_group.keluarga_kumuh":              {"Keluarga miskin di daerah kumuh", "Poor family in a slum"},
	"target_group.pemulung":                    {"Pemulung", "Waste picker"},
	"target_group.anggota_cu":                  {"Anggota koperasi kredit (CU)", "Credit-union member"},

	"relationship.kepala_keluarga": {"Kepala keluarga", "Head of household"},
	"relationship.istri_suami":     {"Istri/suami", "Spouse"},
	"relationship.anak":            {"Anak", "Child"},
	"relationship.menantu":         {"Menantu", "Child-in-law"},
	"relationship.cucu":            {"Cucu", "Grandchild"},
	"relationship.orang_tua":       {"Orang tua", "Parent"},
	"relationship.mertua":          {"Mertua", "Parent-in-law"},
	"relationship.famili_lain":     {"Famili lain", "Other relative"},
	"relationship.lainnya":         {"Lainnya", "Other"},

	"sex.L": {"Laki-laki", "Male"},
	"sex.P": {"Perempuan", "Female"},

	"flag.nik_region_unknown": {"Kode wilayah NIK tidak dikenal", "NIK region code unknown"},

	"person.err.name_required":    {"Nama wajib diisi.", "The name is required."},
	"person.err.name_long":        {"Nama terlalu panjang (paling banyak 100 huruf).", "The name is too long (at most 100 characters)."},
	"person.err.sex":              {"Jenis kelamin harus L atau P (laki-laki/perempuan).", "Sex must be L or P (male/female)."},
	"person.err.date":             {"Tanggal tidak terbaca; tulis dd/mm/yyyy, mis. 17/08/1985.", "Unreadable date; write dd/mm/yyyy, e.g. 17/08/1985."},
	"person.err.date_required":    {"Tanggal lahir wajib diisi.", "The birth date is required."},
	"person.err.date_future":      {"Tanggal ini belum terjadi.", "This date is in the future."},
	"person.err.date_old":         {"Tanggal sebelum tahun 1900 tidak mungkin benar.", "A date before 1900 cannot be right."},
	"person.err.relationship":     {"Hubungan keluarga tidak dikenal; pakai mis. kepala_keluarga, istri_suami, anak, cucu, orang_tua, lainnya.", "Unknown relationship; use e.g. kepala_keluarga, istri_suami, anak, cucu, orang_tua, lainnya."},
	"person.err.target_group":     {"Kelompok sasaran tidak dikenal; lihat daftar kode pada templat.", "Unknown target group; see the list of codes in the template."},
	"person.err.village_required": {"Kode wilayah desa wajib diisi.", "The village code is required."},
	"person.err.village_code":     {"Kode wilayah harus kode desa 10 angka, mis. 32.04.05.2001 atau 3204052001.", "The region code must be a 10-digit village code, e.g. 32.04.05.2001 or 3204052001."},
	"person.err.village_unknown":  {"Tidak ada desa/kelurahan dengan kode ini.", "No village has this code."},
	"person.err.consent":          {"Persetujuan harus ya atau tidak.", "Consent must be yes or no."},
	"person.err.nik_taken":        {"NIK ini sudah terdaftar di organisasi Anda.", "This NIK is already registered in your organisation."},
	"person.err.kk_out_of_scope":  {"Nomor KK ini milik keluarga di luar wilayah kerja Anda.", "This family card belongs to a household outside your region scope."},
	"household.err.not_found":     {"Keluarga tidak ditemukan.", "Household not found."},
	"err.number":                  {"Harus berupa angka.", "Must be a number."},
	"person.err.not_found":        {"Orang tidak ditemukan.", "Person not found."},
	"person.err.age_band":         {"Rentang umur tidak sah.", "Invalid age band."},

	"person.err.merge_self":               {"Pilih dua orang yang berbeda untuk digabung.", "Choose two different persons to merge."},
	"person.err.already_merged":           {"Salah satu data sudah pernah digabung.", "One of the records has already been merged."},
	"duplicate.same_name_birth_date":      {"Nama dan tanggal lahir sama", "Same name and birth date"},
	"duplicate.similar_name_same_village": {"Nama mirip, desa dan tanggal lahir sama", "Similar name, same village and birth date"},

	"import.err.unreadable": {"Berkas tidak dapat dibaca; simpan sebagai .xlsx atau .csv lalu coba lagi.", "The file cannot be read; save it as .xlsx or .csv and try again."},
	"import.err.file_type":  {"Hanya berkas .xlsx dan .csv yang dapat diimpor.", "Only .xlsx and .csv files can be imported."},
	"import.err.not_found":  {"Impor tidak ditemukan.", "Import not found."},
	"import.report.line":    {"Baris", "Line"},
	"import.report.column":  {"Kolom", "Column"},
	"import.report.value":   {"Isi", "Value"},
	"import.report.reason":  {"Alasan", "Reason"},

	"import.err.missing_columns":  {"Berkas tidak memiliki kolom wajib: %s. Unduh templat untuk melihat judul kolom.", "The file lacks required columns: %s. Download the template to see the headers."},
	"import.err.duplicate_column": {"Kolom %q muncul dua kali.", "Column %q appears twice."},
	"import.err.nik_twice":        {"NIK ini sudah muncul di baris %d berkas yang sama.", "This NIK already appears on line %d of the same file."},
	"import.err.nik_out_of_scope": {"NIK ini milik orang di luar wilayah kerja Anda.", "This NIK belongs to a person outside your region scope."},
}
