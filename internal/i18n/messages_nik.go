package i18n

func init() { add(nikMessages) }

// nikMessages are the registry's identity-number messages: why a NIK or KK
// number is refused, what spreadsheets did to it, and the flags raised when a
// NIK disagrees with the entered birth date or sex.
var nikMessages = map[string]msg{
	"nik.err.empty":        {"NIK belum diisi.", "The NIK is missing."},
	"nik.err.length":       {"NIK harus 16 angka, tertulis %d.", "A NIK has 16 digits; %d were written."},
	"nik.err.length_field": {"NIK harus 16 angka.", "A NIK has 16 digits."},
	"nik.err.digits":       {"NIK hanya boleh berisi angka, tanpa huruf, spasi atau tanda baca.", "A NIK may contain digits only, without letters, spaces or punctuation."},
	"nik.err.province":     {"Kode provinsi pada NIK (2 angka pertama) tidak boleh 00.", "The province code in the NIK (its first 2 digits) cannot be 00."},
	"nik.err.date":         {"Tanggal lahir pada NIK (angka ke-7 sampai ke-12: tanggal, bulan, tahun; tanggal perempuan ditambah 40) tidak mungkin ada.", "The birth date in the NIK (digits 7 to 12, written DDMMYY, with 40 added to the day for women) cannot exist."},
	"nik.err.serial":       {"Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.", "The serial number in the NIK (its last 4 digits) cannot be 0000."},
	"nik.err.future":       {"Tanggal lahir pada NIK jatuh di masa depan.", "The birth date in the NIK lies in the future."},

	"kk.err.empty":        {"Nomor KK belum diisi.", "The family-card (KK) number is missing."},
	"kk.err.length":       {"Nomor KK harus 16 angka, tertulis %d.", "A family-card (KK) number has 16 digits; %d were written."},
	"kk.err.length_field": {"Nomor KK harus 16 angka.", "A family-card (KK) number has 16 digits."},
	"kk.err.digits":       {"Nomor KK hanya boleh berisi angka, tanpa huruf, spasi atau tanda baca.", "A family-card (KK) number may contain digits only, without letters, spaces or punctuation."},
	"kk.err.province":     {"Kode provinsi pada nomor KK (2 angka pertama) tidak boleh 00.", "The province code in the family-card (KK) number (its first 2 digits) cannot be 00."},
	"kk.err.date":         {"Tanggal terbit pada nomor KK (angka ke-7 sampai ke-12: tanggal, bulan, tahun) tidak mungkin ada.", "The issue date in the family-card (KK) number (digits 7 to 12, written DDMMYY) cannot exist."},
	"kk.err.serial":       {"Nomor urut pada nomor KK (4 angka terakhir) tidak boleh 0000.", "The serial number in the family-card (KK) number (its last 4 digits) cannot be 0000."},
	"kk.err.future":       {"Tanggal terbit pada nomor KK jatuh di masa depan.", "The issue date in the family-card (KK) number lies in the future."},

	"id.err.scientific":  {"Nomor tertulis dalam notasi ilmiah (mis. 3,20401E+15), jadi sebagian angkanya sudah hilang. Ketik ulang dari kartu, dan jadikan kolomnya Teks di Excel sebelum mengisi.", "The number is in scientific notation (e.g. 3.20401E+15), so some of its digits are lost. Retype it from the card, and format the column as Text in Excel before filling it in."},
	"id.err.digits_lost": {"Nomor tersimpan sebagai angka berdesimal, jadi Excel sudah membulatkan angka terakhirnya. Ketik ulang dari kartu, dan jadikan kolomnya Teks di Excel sebelum mengisi.", "The number was stored as a decimal number, so Excel has rounded its last digits. Retype it from the card, and format the column as Text in Excel before filling it in."},
	"id.err.not_digits":  {"Nomor identitas hanya boleh berisi angka.", "An identity number may contain digits only."},

	"flag.nik_birth_date_mismatch": {"Tanggal lahir tidak sesuai dengan NIK", "Birth date does not match the NIK"},
	"flag.nik_sex_mismatch":        {"Jenis kelamin tidak sesuai dengan NIK", "Sex does not match the NIK"},
}
