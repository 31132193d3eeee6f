package app

import (
	"encoding/json"
	"io"
	"os"

	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
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
