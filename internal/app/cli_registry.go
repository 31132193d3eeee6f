package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/csvio"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/berdaya/berdaya/internal/xlsx"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

func (c *cli) nikCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "nik", Short: "Indonesian identity numbers (NIK)"}
	cmd.AddCommand(&cobra.Command{
		Use:   "check NIK",
		Short: "Check and decode a NIK; prints JSON (valid, region codes and names, birth_date, sex, warnings)",
		Long: "Check and decode a NIK: 16 digits; 1-6 the region of first registration, 7-12 the birth\n" +
			"date as DDMMYY with 40 added to the day for women, 13-16 a serial other than 0000.\n" +
			"Prints JSON; exits 1 when the NIK is not valid. Messages follow BERDAYA_LANG (id or en).",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			rep, err := m.Registry.CheckNIK(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if err := printJSON(c.stdout, nikOutput(rep, cliLang())); err != nil {
				return err
			}
			if !rep.Valid {
				return errSilentFailure
			}
			return nil
		}),
	})
	return cmd
}

// nikOutput is the report with its message keys also given in words.
func nikOutput(rep registry.NIKReport, lang string) map[string]any {
	var out map[string]any
	b, _ := json.Marshal(rep)
	json.Unmarshal(b, &out)
	if rep.Error != "" {
		out["message"] = i18n.T(lang, rep.Error)
	}
	words := []string{}
	for _, w := range rep.Warnings {
		words = append(words, i18n.T(lang, "flag."+w))
	}
	out["warning_messages"] = words
	return out
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// cliLang is the language of command-line messages: BERDAYA_LANG, else English
// (the command line's help is English).
func cliLang() string {
	if l := os.Getenv("BERDAYA_LANG"); i18n.Supported(l) {
		return l
	}
	return "en"
}

func (c *cli) importCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import records from .xlsx or .csv files"}
	var orgID, errorsPath string
	persons := &cobra.Command{
		Use:   "persons FILE",
		Short: "Import persons (one row per person, with the KK number) from .xlsx or .csv",
		Long: "Import persons from a .xlsx or .csv file (comma or semicolon, with or without BOM).\n" +
			"Headers may be Indonesian or English (nik, no_kk/kk, nama/name, jenis_kelamin/sex,\n" +
			"tanggal_lahir/birth_date, hubungan, kode_wilayah/village_code, alamat, kelompok_sasaran ...).\n" +
			"Good rows are imported in batches; refused rows go to an error report (line, column,\n" +
			"reason) beside FILE or at --errors. Importing the same file again adds nothing; a\n" +
			"changed row updates its person. The last line is:\n" +
			"  imported N, updated U, unchanged K, rejected R",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, err := m.System(cmd.Context(), orgID)
			if err != nil {
				return err
			}
			return c.importPersons(cmd, m, p, args[0], errorsPath)
		}),
	}
	persons.Flags().StringVar(&orgID, "org", "", "organisation ID (needed only when the database holds several)")
	errorsFlag(persons, &errorsPath)
	cmd.AddCommand(persons, c.importGroupsCmd())
	return cmd
}

func (c *cli) importPersons(cmd *cobra.Command, m *Main, p access.Principal, path, errorsPath string) error {
	total := int64(registry.CountRows(path))
	if total == 0 {
		total = -1 // unknown: a spinner with the count
	}
	bar := progressbar.NewOptions64(total, progressbar.OptionSetWriter(c.stderr), progressbar.OptionSetDescription("import"),
		progressbar.OptionShowCount(), progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionSetItsString("rows"),
		progressbar.OptionShowIts(), progressbar.OptionSetPredictTime(true))
	res, err := m.Registry.ImportFile(cmd.Context(), p, path, filepath.Base(path), func(r registry.ImportResult) {
		bar.Set64(int64(r.Imported + r.Updated + r.Unchanged + r.Rejected))
	})
	if err == nil {
		bar.Finish() // a failed import must not show a full bar
	}
	fmt.Fprintln(c.stderr)
	if err != nil {
		return err
	}
	if res.Rejected > 0 {
		err := c.reportRefused(path, errorsPath, func(report string) error {
			return c.writeReport(cmd, m, p, res.ID, report)
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "imported %d, updated %d, unchanged %d, rejected %d\n", res.Imported, res.Updated, res.Unchanged, res.Rejected)
	return nil
}

// errorsFlag adds an import command's --errors flag, read by reportRefused.
func errorsFlag(cmd *cobra.Command, errorsPath *string) {
	cmd.Flags().StringVar(errorsPath, "errors", "", "where to write the error report (.csv or .xlsx); default FILE-errors.csv beside FILE")
}

// reportRefused has write put an import's refused rows in the error report at
// errorsPath, by default FILE-errors.csv beside the imported file, and says
// on stderr where it is.
func (c *cli) reportRefused(file, errorsPath string, write func(report string) error) error {
	if errorsPath == "" {
		errorsPath = strings.TrimSuffix(file, filepath.Ext(file)) + "-errors.csv"
	}
	if err := write(errorsPath); err != nil {
		return err
	}
	fmt.Fprintln(c.stderr, i18n.T(cliLang(), "cli.refused_rows", errorsPath))
	return nil
}

// writeReport writes an import's refused rows to path, as .xlsx or .csv by its
// extension.
func (c *cli) writeReport(cmd *cobra.Command, m *Main, p access.Principal, importID, path string) error {
	return writeTable(path, func(write func([]string) error) error {
		return m.Registry.WriteRejections(cmd.Context(), p, importID, cliLang(), write)
	})
}

// writeTable writes the rows fill produces (the header first) to path: a
// sheet "Kesalahan" for .xlsx, semicolon-separated text (as Indonesian Excel
// opens it) otherwise.
func writeTable(path string, fill func(write func([]string) error) error) error {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		xw := xlsx.NewWriter("Kesalahan")
		defer xw.Close()
		first := true
		err := fill(func(row []string) error {
			if first {
				first = false
				return xw.SetHeader(row)
			}
			return xw.Write(row)
		})
		if err != nil {
			return err
		}
		return xw.Save(path)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cw := csvio.NewWriter(f, ';')
	err = fill(cw.Write)
	if err == nil {
		err = cw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (c *cli) demoCmd() *cobra.Command {
	var households int
	var seed uint64
	var under, orgID, csvPath string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate realistic synthetic households (for trying Berdaya, tests and benchmarks)",
		Long: "Generate synthetic households across real villages: NIK and KK consistent with the village\n" +
			"and birth date, Indonesian names, plausible families. They go through the same checks as an\n" +
			"import. On an empty database a demo organisation and admin (demo / demo-berdaya) are made.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if csvPath != "" { // a file only: no database is opened or made
				n, err := writeDemoCSV(csvPath, seed, households, under)
				if err == nil {
					fmt.Fprintf(c.stdout, "wrote %d persons to %s\n", n, csvPath)
				}
				return err
			}
			return c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
				p, err := m.demoPrincipal(cmd.Context(), orgID, c.stderr)
				if err != nil {
					return err
				}
				res, err := m.Demo(cmd.Context(), p, seed, households, under)
				if err != nil {
					return err
				}
				fmt.Fprintf(c.stdout, "imported %d, updated %d, unchanged %d, rejected %d\n", res.Imported, res.Updated, res.Unchanged, res.Rejected)
				return nil
			})(cmd, args)
		},
	}
	cmd.Flags().IntVar(&households, "households", 100, "how many households to generate")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same households")
	cmd.Flags().StringVar(&under, "region", "", "only villages under this region code (default: all of Indonesia)")
	cmd.Flags().StringVar(&orgID, "org", "", "organisation ID (needed only when the database holds several)")
	cmd.Flags().StringVar(&csvPath, "csv", "", "write the households as a person import file (CSV) instead of importing them")
	return cmd
}
