package i18n

func init() { add(groupImportMessages) }

// groupImportMessages are the groups-and-members import's row reasons and
// its command's output.
var groupImportMessages = map[string]msg{
	"import.err.member_nik":     {"NIK anggota harus 16 angka.", "The member's NIK must be 16 digits."},
	"import.err.member_unknown": {"Tidak ada orang dengan NIK ini di registri (dalam wilayah Anda); daftarkan dulu.", "No person with this NIK in the registry (within your area); register them first."},
}
