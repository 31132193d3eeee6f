package i18n

type msg struct{ id, en string }

// catalogue holds every user-facing string: key -> Indonesian, English.
var catalogue = map[string]msg{
	"app.name":    {"Berdaya", "Berdaya"},
	"app.tagline": {"Sistem pemberdayaan masyarakat", "Community empowerment system"},
	"nav.home":    {"Beranda", "Home"},
}
