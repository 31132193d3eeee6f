package survey

// Band is one band of a score distribution: Count households scored from
// Low to High inclusive.
type Band struct {
	Low   int `json:"low"`
	High  int `json:"high"`
	Count int `json:"count"`
}

// MaxScore is the highest PPI score (a total above it is capped by the look-up).
const MaxScore = 100

// ScoreBands counts scores (0..100) in bands of the given width (0 means 5):
// 0–4, 5–9, …, 95–100 for width 5. Every band is returned, empty or not, so a
// chart has a fixed axis. A last band that would hold only 100 is merged
// into the one before (95–100, as in Schreiner's tables), because a score of
// 100 is rare and a one-point bar would mislead.
func ScoreBands(scores []int, width int) ([]Band, error) {
	if width == 0 {
		width = 5
	}
	if width < 1 || width > MaxScore+1 {
		return nil, invalid("band width %d must be between 1 and %d", width, MaxScore+1)
	}
	var bands []Band
	for low := 0; low <= MaxScore; low += width {
		bands = append(bands, Band{Low: low, High: min(low+width-1, MaxScore)})
	}
	if last := len(bands) - 1; last > 0 && bands[last].Low == MaxScore && width > 1 {
		bands[last-1].High = MaxScore
		bands = bands[:last]
	}
	for i, s := range scores {
		if s < 0 || s > MaxScore {
			return nil, invalid("score %d (household %d) must be between 0 and %d", s, i+1, MaxScore)
		}
		bands[min(s/width, len(bands)-1)].Count++
	}
	return bands, nil
}
