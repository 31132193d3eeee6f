package i18n

func init() { add(surveyMessages) }

// surveyMessages are the assumptions stated beside an estimated change
// between two survey rounds.
var surveyMessages = map[string]msg{
	"survey.assume.same_scorecard_line":  {"Kedua putaran memakai kartu skor dan garis kemiskinan yang sama.", "Both rounds use the same scorecard and poverty line."},
	"survey.assume.independent_samples":  {"Kedua putaran diperlakukan sebagai sampel yang saling bebas. Bila sebagian rumah tangga diwawancarai di kedua putaran, selang perubahan ini cenderung lebih lebar (lebih hati-hati) daripada yang sebenarnya.", "The two rounds are treated as independent samples. Where some households were interviewed in both rounds, the interval of the change tends to be wider (more cautious) than it needs to be."},
	"survey.assume.normal_approximation": {"Selang kepercayaan memakai pendekatan normal.", "The intervals use the normal approximation."},
	"survey.assume.net_change":           {"Jumlah rumah tangga adalah perubahan bersih, bukan jumlah rumah tangga yang berpindah.", "The number of households is a net change, not a count of households that moved."},
	"survey.assume.no_bias_correction":   {"Bias kartu skor tidak dikurangkan.", "The scorecard's bias is not subtracted."},
}
