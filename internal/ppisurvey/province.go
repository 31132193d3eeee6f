package ppisurvey

import (
	"strings"
	"unicode"

	"github.com/berdaya/berdaya/internal/ppi"
)

// provinceNames gives, for each Kemendagri province code, the names a
// scorecard may print for it, in the key form of nameKey. The cards print
// names, not codes, with their own spellings and slips (the 2023 card has
// "Bengulu", "Kepuluan Riau", "KalimantanTimur", "Dki Jakarta", "Di
// Yogyakarta"; see ../shared/data/ppi/SOURCES.md), so matching is by an
// explicit list rather than by fuzzy comparison, which could pick a
// neighbour ("Papua" inside "Papua Barat").
//
// The four provinces created in 2022 did not exist in the SUSENAS rounds the
// 2020 and 2023 cards were built on: Papua Selatan, Papua Tengah and Papua
// Pegunungan were carved out of Papua, and Papua Barat Daya out of Papua
// Barat, so their households answer as the province they came from.
var provinceNames = map[string][]string{
	"11": {"aceh"}, "12": {"sumaterautara"}, "13": {"sumaterabarat"}, "14": {"riau"},
	"15": {"jambi"}, "16": {"sumateraselatan"}, "17": {"bengkulu", "bengulu"}, "18": {"lampung"},
	"19": {"kepulauanbangkabelitung", "bangkabelitung"},
	"21": {"kepulauanriau", "kepuluanriau"},
	"31": {"dkijakarta", "daerahkhususibukotajakarta", "jakarta"},
	"32": {"jawabarat"}, "33": {"jawatengah"},
	"34": {"diyogyakarta", "daerahistimewayogyakarta", "yogyakarta"},
	"35": {"jawatimur"}, "36": {"banten"}, "51": {"bali"},
	"52": {"nusatenggarabarat"}, "53": {"nusatenggaratimur"},
	"61": {"kalimantanbarat"}, "62": {"kalimantantengah"}, "63": {"kalimantanselatan"},
	"64": {"kalimantantimur"}, "65": {"kalimantanutara"},
	"71": {"sulawesiutara"}, "72": {"sulawesitengah"}, "73": {"sulawesiselatan"},
	"74": {"sulawesitenggara"}, "75": {"gorontalo"}, "76": {"sulawesibarat"},
	"81": {"maluku"}, "82": {"malukuutara"},
	"91": {"papua"}, "92": {"papuabarat"},
	"93": {"papua"}, "94": {"papua"}, "95": {"papua"}, "96": {"papuabarat"},
}

// nameKey is the form names are compared in: letters only, lower case.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// provinceQuestion returns the card's question about the household's
// province, if it has one (the 2020 and 2023 cards' Q1).
func provinceQuestion(card ppi.Scorecard) (ppi.Question, bool) {
	for _, q := range card.Questions {
		if strings.Contains(strings.ToLower(q.Text), "which province") {
			return q, true
		}
	}
	return ppi.Question{}, false
}

// provinceAnswer returns the code of q's answer for the province with
// Kemendagri code province ("32"), or "" when the card has none for it.
func provinceAnswer(q ppi.Question, province string) string {
	names := provinceNames[province]
	for _, a := range q.Answers {
		key := nameKey(a.Text)
		for _, n := range names {
			if key == n {
				return a.Code
			}
		}
	}
	return ""
}

// KnownAnswers are the answers the registry already gives for a household
// in village: the province question, when the card has one. Forms pre-select
// them; the service fills and checks the same ones.
func KnownAnswers(card ppi.Scorecard, village string) map[int]string {
	out := map[int]string{}
	q, ok := provinceQuestion(card)
	if !ok || village == "" {
		return out
	}
	if code := provinceAnswer(q, strings.SplitN(village, ".", 2)[0]); code != "" {
		out[q.No] = code
	}
	return out
}
