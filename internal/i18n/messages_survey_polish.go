package i18n

func init() { add(surveyPolishMessages) }

// surveyPolishMessages are the round page's smaller texts: the step before a
// replacement and the reserve list's counts.
var surveyPolishMessages = map[string]msg{
	"svpol.cannot_interview": {"Tidak dapat diwawancarai…", "Cannot be interviewed…"},
	"svpol.replace_note":     {"Rumah tangga ini akan diganti dengan rumah tangga berikutnya dari daftar cadangan; penggantian tidak dapat dibatalkan.", "This household will be replaced by the next household of the reserve list; a replacement cannot be undone."},
	"svpol.reserve_left":     {"%s tersisa", "%s left"},
	"svpol.reserve_count":    {"%s tersisa, %s sudah dipakai", "%s left, %s already used"},
	"svpol.reserve_shown":    {"%s yang pertama ditampilkan", "the first %s shown"},
}
