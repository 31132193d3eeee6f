package i18n

type msg struct{ id, en string }

// catalogue holds every user-facing string: key -> Indonesian, English. Each area
// keeps its messages in its own file (messages_<area>.go) and adds them with add.
var catalogue = map[string]msg{}

// add merges an area's messages into the catalogue; a key defined twice is a
// programming mistake and stops the program at start-up.
func add(part map[string]msg) {
	for k, v := range part {
		if _, dup := catalogue[k]; dup {
			panic("i18n: message defined twice: " + k)
		}
		catalogue[k] = v
	}
}

func init() { add(coreMessages) }

// coreMessages are the foundation's messages: shell, accounts, regions, audit.
var coreMessages = map[string]msg{
	"app.name":    {"Berdaya", "Berdaya"},
	"app.tagline": {"Sistem pemberdayaan masyarakat: keluarga, kelompok, keuangan dan laporan dalam satu tempat.", "The community-empowerment system: families, groups, money and reports in one place."},

	"nav.label":   {"Menu utama", "Main menu"},
	"nav.home":    {"Beranda", "Home"},
	"nav.regions": {"Wilayah", "Regions"},
	"nav.users":   {"Pengguna", "Users"},
	"nav.audit":   {"Jejak audit", "Audit trail"},
	"nav.about":   {"Tentang", "About"},
	"nav.logout":  {"Keluar", "Log out"},

	"footer.regions": {"Data wilayah: idn-area-data (ODbL)", "Region data: idn-area-data (ODbL)"},

	"login.title":      {"Masuk", "Log in"},
	"login.submit":     {"Masuk", "Log in"},
	"login.logged_out": {"Anda sudah keluar.", "You have logged out."},

	"setup.title":       {"Siapkan Berdaya", "Set up Berdaya"},
	"setup.intro":       {"Buat organisasi Anda dan akun administrator pertama. Tautan ini hanya berlaku sekali.", "Create your organisation and its first administrator account. This link works only once."},
	"setup.org_example": {"mis. Yayasan Sejahtera Bersama", "e.g. Yayasan Sejahtera Bersama"},
	"setup.submit":      {"Buat dan masuk", "Create and log in"},
	"setup.done":        {"Selamat datang! Berdaya siap dipakai.", "Welcome! Berdaya is ready."},
	"setup.err.link":    {"Tautan penyiapan tidak berlaku (sudah dipakai, kedaluwarsa, atau sudah ada pengguna).", "This setup link is not valid (already used, expired, or users already exist)."},

	"field.username":     {"Nama pengguna", "Username"},
	"field.password":     {"Kata sandi", "Password"},
	"field.password2":    {"Ulangi kata sandi", "Repeat the password"},
	"field.old_password": {"Kata sandi lama", "Current password"},
	"field.new_password": {"Kata sandi baru", "New password"},
	"field.name":         {"Nama lengkap", "Full name"},
	"field.org_name":     {"Organisasi", "Organisation"},
	"field.role":         {"Peran", "Role"},
	"field.scope":        {"Wilayah kerja", "Region scope"},
	"field.lang":         {"Bahasa", "Language"},
	"field.status":       {"Status", "Status"},
	"field.created":      {"Dibuat", "Created"},

	"role.admin":       {"Administrator", "Administrator"},
	"role.manager":     {"Manajer program", "Programme manager"},
	"role.facilitator": {"Pendamping", "Facilitator"},
	"role.treasurer":   {"Bendahara", "Treasurer"},
	"role.viewer":      {"Pembaca", "Viewer"},

	"scope.national": {"Nasional (semua wilayah)", "National (all regions)"},
	"lang.id":        {"Bahasa Indonesia", "Bahasa Indonesia"},
	"lang.en":        {"English", "English"},

	"level.province":        {"Provinsi", "Province"},
	"level.regency":         {"Kabupaten/Kota", "Regency/City"},
	"level.district":        {"Kecamatan", "District"},
	"level.village":         {"Desa/Kelurahan", "Village"},
	"level.plural.province": {"provinsi", "provinces"},
	"level.plural.regency":  {"kabupaten/kota", "regencies/cities"},
	"level.plural.district": {"kecamatan", "districts"},
	"level.plural.village":  {"desa/kelurahan", "villages"},

	"home.welcome":        {"Selamat datang, %s", "Welcome, %s"},
	"home.you":            {"Akun Anda", "Your account"},
	"home.regions":        {"Wilayah Indonesia", "Regions of Indonesia"},
	"home.browse_regions": {"Jelajahi wilayah", "Browse regions"},
	"home.coming":         {"Segera hadir", "Coming next"},
	"home.recent":         {"Perubahan terakhir", "Recent changes"},
	"home.all_audit":      {"Lihat seluruh jejak audit", "See the whole audit trail"},

	"about.title":          {"Tentang Berdaya", "About Berdaya"},
	"about.what":           {"Berdaya adalah sistem tempat program pemberdayaan masyarakat berjalan: LSM, unit CSR, koperasi kredit, panti sosial dan Dinas Sosial mencatat keluarga, membentuk dan mendampingi kelompok, menjaga keuangan kelompok, mengukur KPI dan kemiskinan, dan melaporkannya dari desa sampai nasional.", "Berdaya is the system community-empowerment programmes run on: NGOs, CSR units, credit unions, social institutions and social-affairs offices register families, form and coach groups, keep the groups' money honest, measure KPIs and poverty, and report from village to nation."},
	"about.version":        {"Versi", "Version"},
	"about.region_source":  {"Sumber data wilayah", "Region data source"},
	"about.credits":        {"Atribusi data", "Data credits"},
	"about.regions_credit": {"Kode dan nama wilayah administrasi (Kemendagri) berasal dari paket idn-area-data versi 4.0.1 karya Fityan Ali, dilisensikan di bawah Open Database License (ODbL) v1.0.", "Administrative region codes and names (Kemendagri) come from the idn-area-data package version 4.0.1 by Fityan Ali, licensed under the Open Database License (ODbL) v1.0."},
	"about.odbl":           {"Basis data wilayah yang disertakan dan setiap turunannya tetap tunduk pada ODbL: https://opendatacommons.org/licenses/odbl/1-0/", "The bundled region database and any derivative of it remain under the ODbL: https://opendatacommons.org/licenses/odbl/1-0/"},

	"regions.search":      {"Cari wilayah menurut nama", "Search regions by name"},
	"regions.search_in":   {"Cari di %s", "Search in %s"},
	"regions.find":        {"Cari", "Search"},
	"regions.path":        {"Letak wilayah", "Region path"},
	"regions.indonesia":   {"Indonesia", "Indonesia"},
	"regions.found":       {"%d wilayah ditemukan", "%d regions found"},
	"regions.none":        {"Tidak ada wilayah dengan nama itu.", "No region has that name."},
	"regions.no_children": {"Wilayah ini tidak memiliki wilayah di bawahnya.", "This region has no regions below it."},
	"regions.code":        {"Kode", "Code"},
	"regions.name":        {"Nama", "Name"},
	"regions.level":       {"Tingkat", "Level"},

	"account.title":               {"Akun saya", "My account"},
	"account.change_password":     {"Ganti kata sandi", "Change password"},
	"account.save_password":       {"Simpan kata sandi", "Save password"},
	"account.password_changed":    {"Kata sandi sudah diganti. Sesi lain sudah ditutup.", "Password changed. Other sessions have been closed."},
	"account.tokens":              {"Token API", "API tokens"},
	"account.tokens_help":         {"Token dipakai program lain untuk mengakses API Berdaya atas nama Anda (Authorization: Bearer ...).", "Other programs use a token to reach the Berdaya API on your behalf (Authorization: Bearer ...)."},
	"account.token_once":          {"Salin token ini sekarang; token tidak akan ditampilkan lagi.", "Copy this token now; it will not be shown again."},
	"account.token_name":          {"Nama token", "Token name"},
	"account.token_name_example":  {"mis. sinkron-kobo", "e.g. kobo-sync"},
	"account.token_create":        {"Buat token", "Create token"},
	"account.token_revoke":        {"Cabut", "Revoke"},
	"account.token_revoked":       {"Token sudah dicabut.", "The token has been revoked."},
	"account.token_revoked_state": {"Dicabut", "Revoked"},
	"account.token_active":        {"Aktif", "Active"},

	"users.new":            {"Pengguna baru", "New user"},
	"users.create":         {"Buat pengguna", "Create user"},
	"users.created":        {"Pengguna sudah dibuat.", "The user has been created."},
	"users.edit":           {"Ubah data", "Edit"},
	"users.save":           {"Simpan", "Save"},
	"users.saved":          {"Perubahan sudah disimpan.", "Changes saved."},
	"users.reset_password": {"Atur ulang kata sandi", "Reset password"},
	"users.set_password":   {"Setel kata sandi", "Set password"},
	"users.password_set":   {"Kata sandi sudah disetel; sesi pengguna itu sudah ditutup.", "Password set; that user's sessions have been closed."},
	"users.active":         {"Aktif", "Active"},
	"users.disabled":       {"Nonaktif", "Disabled"},
	"users.disable":        {"Nonaktifkan", "Disable"},
	"users.enable":         {"Aktifkan kembali", "Enable again"},
	"users.history":        {"Riwayat perubahan pengguna ini", "This user's change history"},
	"users.scope_example":  {"mis. 32.04 (kosong = nasional)", "e.g. 32.04 (empty = national)"},
	"users.scope_help":     {"Kode wilayah Kemendagri; pengguna hanya melihat data di wilayah ini dan di bawahnya.", "A Kemendagri region code; the user sees only records in this region and below."},

	"audit.at":     {"Waktu", "Time"},
	"audit.actor":  {"Pelaku", "Actor"},
	"audit.action": {"Tindakan", "Action"},
	"audit.entity": {"Data", "Record"},
	"audit.change": {"Perubahan", "Change"},
	"audit.show":   {"Lihat", "Show"},
	"audit.before": {"Sebelum", "Before"},
	"audit.after":  {"Sesudah", "After"},
	"audit.any":    {"Semua", "Any"},
	"audit.from":   {"Dari tanggal", "From"},
	"audit.to":     {"Sampai tanggal", "To"},
	"audit.filter": {"Saring", "Filter"},
	"audit.none":   {"Tidak ada catatan yang cocok.", "No matching entries."},
	"audit.older":  {"Catatan lebih lama", "Older entries"},

	"action.create":       {"Buat", "Create"},
	"action.update":       {"Ubah", "Update"},
	"action.password":     {"Ganti kata sandi", "Password change"},
	"action.login":        {"Masuk", "Log in"},
	"action.token_create": {"Buat token", "Token created"},
	"action.token_revoke": {"Cabut token", "Token revoked"},

	"entity.user": {"Pengguna", "User"},
	"entity.org":  {"Organisasi", "Organisation"},

	"err.title":            {"Ada masalah", "Something went wrong"},
	"err.back_home":        {"Kembali ke beranda", "Back to the home page"},
	"err.invalid":          {"Periksa kembali isian yang ditandai.", "Please check the marked fields."},
	"err.bad_json":         {"Isi permintaan bukan JSON yang sah atau memuat kolom yang tidak dikenal.", "The request body is not valid JSON or has unknown fields."},
	"err.unauthorized":     {"Anda perlu masuk terlebih dahulu.", "You need to log in first."},
	"err.forbidden":        {"Peran Anda tidak mengizinkan tindakan ini.", "Your role does not allow this."},
	"err.out_of_scope":     {"Di luar wilayah kerja Anda.", "Outside your region scope."},
	"err.not_found":        {"Halaman atau data tidak ditemukan.", "Page or record not found."},
	"err.csrf":             {"Permintaan ditolak karena tidak berasal dari halaman Berdaya ini. Muat ulang halaman lalu coba lagi.", "Request refused because it did not come from this Berdaya page. Reload the page and try again."},
	"cli.refused_rows":     {"baris yang ditolak: %s", "refused rows: %s"},
	"err.upload_too_large": {"Kiriman terlalu besar: paling banyak %d MB.", "The upload is too large: at most %d MB."},
	"err.internal":         {"Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi administrator.", "The server hit an error. Try again; if it keeps happening, contact your administrator."},
	"err.date":             {"Tanggal tidak sah; tulis dd/mm/yyyy.", "Not a valid date; write dd/mm/yyyy."},

	"auth.err.bad_login": {"Nama pengguna atau kata sandi salah.", "Wrong username or password."},
	"auth.err.too_many":  {"Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi.", "Too many failed log-in attempts. Wait 15 minutes and try again."},
	"auth.err.no_token":  {"Sertakan token API: Authorization: Bearer <token>.", "Send an API token: Authorization: Bearer <token>."},
	"auth.err.bad_token": {"Token API tidak sah atau sudah dicabut.", "The API token is invalid or revoked."},

	"user.err.username":          {"3 sampai 32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.", "3 to 32 characters: lower-case letters, digits, dot, underscore or dash."},
	"user.err.username_taken":    {"Nama pengguna ini sudah dipakai.", "This username is taken."},
	"user.err.password_short":    {"Kata sandi minimal 8 karakter.", "The password needs at least 8 characters."},
	"user.err.password_username": {"Kata sandi tidak boleh sama dengan nama pengguna.", "The password must differ from the username."},
	"user.err.password_mismatch": {"Kedua kata sandi tidak sama.", "The two passwords differ."},
	"user.err.old_password":      {"Kata sandi lama salah.", "The current password is wrong."},
	"user.err.role":              {"Peran tidak dikenal.", "Unknown role."},
	"user.err.lang":              {"Bahasa harus id atau en.", "The language must be id or en."},
	"user.err.not_found":         {"Pengguna tidak ditemukan.", "User not found."},
	"user.err.self_demote":       {"Anda tidak dapat mengubah peran Anda sendiri.", "You cannot change your own role."},
	"user.err.peer_admin":        {"Administrator lain di wilayah yang sama hanya dapat diubah oleh administrator di atasnya.", "Another administrator of the same region can only be changed by an administrator above it."},
	"user.err.reserved":          {"Nama pengguna ini dipakai oleh sistem.", "This username is reserved by the system."},
	"user.err.self_disable":      {"Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot disable your own account."},
	"token.err.not_found":        {"Token tidak ditemukan.", "Token not found."},
	"org.err.not_found":          {"Organisasi tidak ditemukan.", "Organisation not found."},

	"region.err.code_format": {"Kode wilayah tidak sah: tulis 32, 32.04, 32.04.05 atau 32.04.05.2001 (titik boleh dihilangkan).", "Invalid region code: write 32, 32.04, 32.04.05 or 32.04.05.2001 (dots optional)."},
	"region.err.not_found":   {"Wilayah dengan kode itu tidak ada.", "No region has that code."},
	"region.err.query_short": {"Ketik minimal 3 huruf untuk mencari.", "Type at least 3 letters to search."},
}
