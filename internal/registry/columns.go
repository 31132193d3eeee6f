package registry

import "strings"

// Column is one column of the person import file (and of the template and the
// export). Name is the canonical Indonesian header; Aliases are the other
// headers field files use (English, abbreviations).
type Column struct {
	Name     string
	Aliases  []string
	Required bool
	Example  string // a value for the template's example row
}

// Columns are the person file's columns in template order.
var Columns = []Column{
	{Name: "nik", Aliases: []string{"no_nik", "nomor_nik", "nik_ktp"}, Required: true, Example: "3204054107850003"},
	{Name: "no_kk", Aliases: []string{"kk", "nomor_kk", "nkk", "family_card"}, Required: true, Example: "3204051203100007"},
	{Name: "nama", Aliases: []string{"name", "nama_lengkap", "full_name"}, Required: true, Example: "Siti Aminah"},
	{Name: "jenis_kelamin", Aliases: []string{"sex", "jk", "gender", "l/p"}, Required: true, Example: "P"},
	{Name: "tanggal_lahir", Aliases: []string{"birth_date", "tgl_lahir", "date_of_birth", "dob"}, Required: true, Example: "01/07/1985"},
	{Name: "hubungan", Aliases: []string{"relationship", "hubungan_keluarga", "shdk", "status_hubungan"}, Example: "istri_suami"},
	{Name: "kode_wilayah", Aliases: []string{"village_code", "kode_desa", "kode_kelurahan", "kode_wilayah_desa"}, Required: true, Example: "32.04.05.2001"},
	{Name: "alamat", Aliases: []string{"address", "alamat_lengkap"}, Example: "Jl. Cileunyi No. 5 RT 01 RW 02"},
	{Name: "kelompok_sasaran", Aliases: []string{"target_group", "kategori_pmks", "pmks"}, Example: "fakir_miskin"},
	{Name: "pendidikan", Aliases: []string{"education", "pendidikan_terakhir"}, Example: "SMP"},
	{Name: "pekerjaan", Aliases: []string{"occupation", "job"}, Example: "Pedagang"},
	{Name: "disabilitas", Aliases: []string{"disability", "jenis_disabilitas"}, Example: ""},
	{Name: "telepon", Aliases: []string{"phone", "no_hp", "hp", "no_telepon"}, Example: "081234567890"},
	{Name: "persetujuan", Aliases: []string{"consent", "persetujuan_data"}, Example: "ya"},
	{Name: "tanggal_persetujuan", Aliases: []string{"consent_date", "tgl_persetujuan"}, Example: "22/11/2026"},
}

// HeaderKey normalises a header as typed: case, spaces, dots and dashes do not
// matter ("Tanggal Lahir", "TANGGAL_LAHIR", "tanggal-lahir" are one header).
func HeaderKey(h string) string {
	h = strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")
	h = strings.ToLower(h)
	h = strings.NewReplacer("-", "_", ".", "_", " ", "_").Replace(h)
	for strings.Contains(h, "__") {
		h = strings.ReplaceAll(h, "__", "_")
	}
	return strings.Trim(h, "_")
}

// ColumnFor returns the canonical column a header names, or "" when unknown.
func ColumnFor(header string) string {
	key := HeaderKey(header)
	for _, c := range Columns {
		if key == c.Name {
			return c.Name
		}
		for _, a := range c.Aliases {
			if key == HeaderKey(a) {
				return c.Name
			}
		}
	}
	return ""
}

// HeaderNames lists the canonical headers in template order.
func HeaderNames() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Name
	}
	return out
}
