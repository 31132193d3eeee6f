package i18n

func init() { add(groupImportMessages) }

// groupImportMessages are the groups-and-members import's row reasons and its
// page.
var groupImportMessages = map[string]msg{
	"import.err.member_nik":     {"NIK anggota harus 16 angka.", "The member's NIK must be 16 digits."},
	"import.err.member_unknown": {"Tidak ada orang dengan NIK ini di registri (dalam wilayah Anda); daftarkan dulu.", "No person with this NIK in the registry (within your area); register them first."},
	"gimport.title":             {"Impor kelompok dan anggota", "Import groups and members"},
	"gimport.link":              {"Impor kelompok", "Import groups"},
	"gimport.help": {"Satu baris per anggota: nama kelompok dan NIK anggota (sudah terdaftar di registri); untuk kelompok baru juga jenis, bidang usaha dan kode wilayah desa. Kelompok dibuat saat pertama disebut; anggota ditambahkan bila belum aktif. Mengimpor berkas yang sama lagi tidak menambah apa pun.",
		"One row per member: the group's name and the member's NIK (already in the registry); for a new group also its type, business field and village code. A group is made when first named; a member is added unless already active. Importing the same file again adds nothing."},
	"gimport.done":    {"Hasil impor %s", "Result of importing %s"},
	"gimport.summary": {"%s baris: %s kelompok baru, %s anggota ditambahkan, %s tidak berubah, %s ditolak.", "%s rows: %s new groups, %s members added, %s unchanged, %s refused."},
	"gimport.again":   {"Perbaiki baris yang ditolak lalu impor berkas yang sama lagi; baris yang sudah masuk tidak akan digandakan.", "Fix the refused rows and import the same file again; rows already in will not be doubled."},
}
