package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/berdaya/berdaya/internal/survey"
	"github.com/spf13/cobra"
)

// estimateLine is the last line `ppi estimate` prints: one JSON object with
// rates as fractions 0..1.
type estimateLine struct {
	N          int     `json:"n"`
	Line       string  `json:"line"`
	Rate       float64 `json:"rate"`
	Low        float64 `json:"ci_low"`
	High       float64 `json:"ci_high"`
	Confidence float64 `json:"confidence"`
}

// answersFile is an ANSWERS.csv read whole: its header, its rows as cells and
// as column->value maps, and the stratum of each row ("" when none).
type answersFile struct {
	header []string
	cells  [][]string
	rows   []map[string]string
	strata []string
	delim  rune
}

func (c *cli) ppiEstimateCmd() *cobra.Command {
	var card, line, out string
	var opts survey.EstimateOptions
	cmd := &cobra.Command{
		Use:   "estimate ANSWERS.csv",
		Short: "Score households' answers and estimate the poverty rate on one line, with its interval",
		Long: "Score each household of ANSWERS.csv (one row per household, columns q1..q10 holding answer\n" +
			"codes A, B, C ...; an optional column `stratum`) on a scorecard of the catalogue and one of its\n" +
			"poverty lines, and estimate the group's poverty rate: the mean of the households' likelihoods\n" +
			"(never the likelihood of the mean score), with a normal-approximation interval, the\n" +
			"finite-population correction when --population is given, and the stratified estimator (strata\n" +
			"weighted by their share of the sample) when a stratum column is present. Rows with a missing\n" +
			"or unknown answer are listed and nothing is estimated. --out writes each row with its score\n" +
			"and likelihood. The last line is one JSON object:\n" +
			"  {\"n\":..,\"line\":\"..\",\"rate\":..,\"ci_low\":..,\"ci_high\":..,\"confidence\":..}",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			sc, err := m.PPI.Get(cmd.Context(), card)
			if err != nil {
				return err
			}
			file, err := readAnswers(args[0])
			if err != nil {
				return err
			}
			scored, err := ppi.ScoreRows(sc, line, file.rows)
			var bad ppi.RowErrors
			if errors.As(err, &bad) {
				for _, e := range bad {
					e.Row++ // the file's line: the header is line 1
					fmt.Fprintln(c.stderr, e.Message(cliLang()))
				}
				return errSilentFailure
			}
			if err != nil {
				return err
			}
			est, err := estimate(scored, file.strata, opts)
			if err != nil {
				return err
			}
			if out != "" {
				if err := writeScored(out, file, scored); err != nil {
					return err
				}
			}
			b, _ := json.Marshal(estimateLine{N: est.N, Line: line, Rate: est.Rate, Low: est.Low, High: est.High, Confidence: est.Confidence})
			fmt.Fprintln(c.stdout, string(b))
			return nil
		}),
	}
	cmd.Flags().StringVar(&card, "scorecard", "", "the scorecard's name in the catalogue, e.g. \"IDN 2023\" (see `berdaya ppi list`)")
	cmd.Flags().StringVar(&line, "line", "", "poverty line code, e.g. nl100")
	cmd.Flags().Float64Var(&opts.Confidence, "confidence", 0.90, "confidence level of the interval")
	cmd.Flags().IntVar(&opts.Population, "population", 0, "households in the population, for the finite-population correction (0: none)")
	cmd.Flags().Float64Var(&opts.Alpha, "alpha", 1, "precision factor of the scorecard on this line (multiplies the variance)")
	cmd.Flags().StringVar(&out, "out", "", "write each row with its score and likelihood to this CSV")
	cmd.MarkFlagRequired("scorecard")
	cmd.MarkFlagRequired("line")
	return cmd
}

// estimate is the simple or, with strata, the stratified estimate.
func estimate(scored []ppi.Scored, strata []string, opts survey.EstimateOptions) (survey.Estimate, error) {
	values := make([]float64, len(scored))
	for i, s := range scored {
		values[i] = s.Likelihood
	}
	for _, s := range strata {
		if s != "" {
			st, err := survey.EstimateStratified(values, strata, nil, opts)
			return st.Estimate, err
		}
	}
	return survey.EstimateRate(values, opts)
}

// readAnswers reads an answers file (comma or semicolon, BOM or not).
func readAnswers(path string) (answersFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return answersFile{}, err
	}
	defer f.Close()
	r, err := csvio.NewReader(f)
	if err != nil {
		return answersFile{}, err
	}
	a := answersFile{header: r.Header(), delim: r.Delimiter()}
	stratum := -1
	for i, h := range a.header {
		if strings.EqualFold(strings.TrimSpace(h), "stratum") {
			stratum = i
		}
	}
	for {
		_, cells, err := r.Next()
		if errors.Is(err, io.EOF) {
			return a, nil
		}
		if err != nil {
			return a, err
		}
		row := map[string]string{}
		for i, h := range a.header {
			if i < len(cells) {
				row[h] = cells[i]
			}
		}
		a.cells, a.rows = append(a.cells, cells), append(a.rows, row)
		if stratum >= 0 && stratum < len(cells) {
			a.strata = append(a.strata, strings.TrimSpace(cells[stratum]))
		} else {
			a.strata = append(a.strata, "")
		}
	}
}

// writeScored writes the answers back with each row's score and likelihood.
func writeScored(path string, a answersFile, scored []ppi.Scored) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csvio.NewWriter(f, a.delim)
	err = w.Write(append(append([]string{}, a.header...), "score", "likelihood"))
	for i, s := range scored {
		if err == nil {
			row := append(append([]string{}, a.cells[i]...), strconv.Itoa(s.Score), strconv.FormatFloat(s.Likelihood, 'f', -1, 64))
			err = w.Write(row)
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
