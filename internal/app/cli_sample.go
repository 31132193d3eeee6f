package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/survey"
	"github.com/spf13/cobra"
)

// The columns berdaya sample adds to the list.
const (
	sampleOrderColumn  = "sample_order"
	sampleStatusColumn = "status"
)

// sampleFlags are the settings of one berdaya sample run.
type sampleFlags struct {
	size       int
	seed       uint64
	strata     string
	allocation string
	census     bool
}

// sampleCmd draws survey samples and sizes them (issue 5).
func (c *cli) sampleCmd() *cobra.Command {
	var f sampleFlags
	cmd := &cobra.Command{
		Use:   "sample IN.csv OUT.csv",
		Short: "Draw a survey sample from a CSV list, or size one (sample size)",
		Long: "Draw a reproducible random sample of the rows of IN.csv (any columns; comma or semicolon;\n" +
			"with or without BOM) and write OUT.csv: the same columns, in the same delimiter, plus\n" +
			"  sample_order  1..n for the sample, then n+1.. for the reserve list\n" +
			"  status        sample or reserve\n" +
			"Rows come in sample_order: the sample in the order of IN.csv, then the reserve in random\n" +
			"order. When a sampled household refuses or cannot be found, replace it with the first\n" +
			"unused reserve row (of the same stratum, in a stratified sample).\n" +
			"\n" +
			"--strata COLUMN draws separately in each value of COLUMN (a region, branch or group),\n" +
			"with --allocation proportional (n_h in proportion to the stratum, at least 1 each when\n" +
			"--size allows, rounded by largest remainder) or equal (the same n_h everywhere, capped at\n" +
			"the stratum's size). A --size at least the number of rows, or --census, takes everyone.\n" +
			"\n" +
			"The same --seed and the same IN.csv always give the same sample, on any machine: record\n" +
			"the seed with the survey round. The last line is, e.g.:\n" +
			"  sampled 223 of 10000 (reserve 9777), seed 42",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.check(cmd); err != nil {
				return err
			}
			return c.drawSample(f, args[0], args[1])
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&f.size, "size", 0, "number of households to sample (see: berdaya sample size)")
	fl.Uint64Var(&f.seed, "seed", 0, "random seed, any whole number; the same seed gives the same sample")
	fl.StringVar(&f.strata, "strata", "", "column of IN.csv to stratify by (e.g. branch, village code)")
	fl.StringVar(&f.allocation, "allocation", string(survey.Proportional), "with --strata: proportional or equal")
	fl.BoolVar(&f.census, "census", false, "take every row (no --size or --seed needed)")
	cmd.AddCommand(c.sampleSizeCmd())
	return cmd
}

// check rejects flag combinations that would make an unreproducible or
// ambiguous draw.
func (f sampleFlags) check(cmd *cobra.Command) error {
	if f.census {
		return nil
	}
	if !cmd.Flags().Changed("size") {
		return errors.New("give --size N (or --census); `berdaya sample size` computes N")
	}
	if !cmd.Flags().Changed("seed") {
		return errors.New("give --seed S (any whole number, e.g. today's date 20250114) so that the draw can be reproduced")
	}
	if cmd.Flags().Changed("allocation") && f.strata == "" {
		return errors.New("--allocation needs --strata COLUMN")
	}
	return nil
}

// sampleList is IN.csv in memory.
type sampleList struct {
	header []string
	rows   [][]string
	delim  rune
}

func (c *cli) drawSample(f sampleFlags, in, out string) error {
	if same, _ := sameFile(in, out); same {
		return fmt.Errorf("OUT.csv must not be IN.csv (%s): the list would be overwritten", out)
	}
	list, err := readSampleList(in)
	if err != nil {
		return err
	}
	s, err := list.draw(f)
	if err != nil {
		return err
	}
	if err := list.write(out, s); err != nil {
		return err
	}
	c.printSample(f, s, len(list.rows))
	return nil
}

func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// readSampleList reads the whole list, rejecting a header that already has
// the output columns and rows with more cells than the header.
func readSampleList(path string) (sampleList, error) {
	file, err := os.Open(path)
	if err != nil {
		return sampleList{}, err
	}
	defer file.Close()
	rd, err := csvio.NewReader(file)
	if err != nil {
		return sampleList{}, fmt.Errorf("%s: %w", path, err)
	}
	list := sampleList{header: rd.Header(), delim: rd.Delimiter()}
	for _, name := range []string{sampleOrderColumn, sampleStatusColumn} {
		if list.column(name) >= 0 {
			return sampleList{}, fmt.Errorf("%s already has a column %q: remove it (is it a sample already?)", path, name)
		}
	}
	for {
		line, cells, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return sampleList{}, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		if cells, err = fitRow(cells, len(list.header)); err != nil {
			return sampleList{}, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		list.rows = append(list.rows, cells)
	}
	if len(list.rows) == 0 {
		return sampleList{}, fmt.Errorf("%s has a header but no rows", path)
	}
	return list, nil
}

// fitRow pads a short row (Excel drops trailing empty cells) and trims empty
// cells past the header; a filled cell past the header is an error, since
// it would land under the wrong column in OUT.csv.
func fitRow(cells []string, width int) ([]string, error) {
	for len(cells) > width {
		if strings.TrimSpace(cells[len(cells)-1]) != "" {
			return nil, fmt.Errorf("%d cells, but the header has %d columns", len(cells), width)
		}
		cells = cells[:len(cells)-1]
	}
	for len(cells) < width {
		cells = append(cells, "")
	}
	return cells, nil
}

// column finds a header cell, ignoring case and surrounding spaces; -1 when absent.
func (l sampleList) column(name string) int {
	for i, h := range l.header {
		if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

func (l sampleList) draw(f sampleFlags) (survey.Sample, error) {
	d := survey.Design{Size: f.size, Seed: f.seed, Census: f.census, Allocation: survey.Allocation(f.allocation)}
	if f.strata == "" {
		return survey.Draw(len(l.rows), d)
	}
	col := l.column(f.strata)
	if col < 0 {
		return survey.Sample{}, fmt.Errorf("no column %q to stratify by; the columns are: %s", f.strata, strings.Join(l.header, ", "))
	}
	labels := make([]string, len(l.rows))
	for i, row := range l.rows {
		labels[i] = strings.TrimSpace(row[col])
	}
	return survey.DrawStratified(labels, d)
}

// write writes OUT.csv through a temporary file beside it, so a failure
// never leaves half a list where a previous good one was.
func (l sampleList) write(path string, s survey.Sample) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".berdaya-sample-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if err := l.writeTo(tmp, s); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (l sampleList) writeTo(w io.Writer, s survey.Sample) error {
	cw := csvio.NewWriter(w, l.delim)
	if err := cw.Write(append(append([]string{}, l.header...), sampleOrderColumn, sampleStatusColumn)); err != nil {
		return err
	}
	order := 0
	for _, part := range []struct {
		rows   []int
		status string
	}{{s.Selected, "sample"}, {s.Reserve, "reserve"}} {
		for _, r := range part.rows {
			order++
			if err := cw.Write(append(append([]string{}, l.rows[r]...), strconv.Itoa(order), part.status)); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}

// printSample prints one line per stratum, then the summary line.
func (c *cli) printSample(f sampleFlags, s survey.Sample, population int) {
	for _, st := range s.Strata {
		label := st.Label
		if label == "" {
			label = "(blank)"
		}
		fmt.Fprintf(c.stdout, "stratum %s: %d of %d\n", label, st.Size, st.Population)
	}
	switch {
	case f.census:
		fmt.Fprintf(c.stdout, "sampled %d of %d (census)\n", len(s.Selected), population)
	case s.Census:
		fmt.Fprintf(c.stdout, "sampled %d of %d (census: --size %d is not less than the list), seed %d\n", len(s.Selected), population, f.size, f.seed)
	default:
		fmt.Fprintf(c.stdout, "sampled %d of %d (reserve %d), seed %d\n", len(s.Selected), population, len(s.Reserve), f.seed)
	}
}

// sampleSizeCmd is the sample-size calculator.
func (c *cli) sampleSizeCmd() *cobra.Command {
	sp := survey.SizeParams{Confidence: survey.DefaultConfidence, Alpha: 1}
	cmd := &cobra.Command{
		Use:   "size",
		Short: "Compute how many households to interview for a target precision; prints the number",
		Long: "Compute the sample size for estimating a poverty rate to within ±precision at a confidence\n" +
			"level:\n" +
			"  n0 = alpha * (z/precision)^2 * rate * (1 - rate)\n" +
			"  n  = ceil(n0 / (1 + (n0 - 1)/population))      (no correction without --population)\n" +
			"with z the normal quantile for the confidence (1.6449 for 0.90). --alpha is the scorecard's\n" +
			"precision factor as a ratio of sample sizes (Schreiner); when nothing is known use 1 and\n" +
			"--rate 0.5. Prints the size alone, e.g. 223.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sp.Alpha == 0 { // the library reads 0 as "default"; here it is a typo
				return errors.New("--alpha must be positive")
			}
			n, err := survey.SampleSize(sp)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, n)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.Float64Var(&sp.Rate, "rate", 0, "expected poverty rate as a fraction, e.g. 0.3 (0.5 when unknown)")
	fl.Float64Var(&sp.Precision, "precision", 0, "half-width of the interval wanted, as a fraction: 0.05 for ±5 points")
	fl.Float64Var(&sp.Confidence, "confidence", survey.DefaultConfidence, "confidence level, e.g. 0.90, 0.95 or 0.99")
	fl.IntVar(&sp.Population, "population", 0, "households in the population (0: very large, no correction)")
	fl.Float64Var(&sp.Alpha, "alpha", 1, "precision factor α of the scorecard and poverty line")
	cmd.MarkFlagRequired("rate")
	cmd.MarkFlagRequired("precision")
	return cmd
}
