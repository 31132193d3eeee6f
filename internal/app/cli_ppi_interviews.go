package app

import (
	"fmt"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppisurvey"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/spf13/cobra"
)

// ppiInterviewsCmd holds the commands on a survey round's interviews.
func (c *cli) ppiInterviewsCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "interviews", Short: "Interviews of PPI survey rounds"}
	cmd.AddCommand(c.ppiInterviewsImportCmd())
	return cmd
}

func (c *cli) ppiInterviewsImportCmd() *cobra.Command {
	var orgID, round, enumerator, errorsPath string
	cmd := &cobra.Command{
		Use:   "import --round ROUND --enumerator USERNAME FILE",
		Short: "Import interviews done on paper or in another tool (.xlsx or .csv) into a survey round",
		Long: "Import a PPI survey round's interviews from a .xlsx or .csv file: one row per household, with\n" +
			"unit_id (as the round's template on the web gives it) or nik (the respondent's or another\n" +
			"member's NIK), date (dd/mm/yyyy; also d/m/yy, yyyy-mm-dd or an Excel date) and q1..qN holding\n" +
			"answer letters (A, B, C ...; a number is refused). The province question may be left out or\n" +
			"blank: the registry knows it. Other columns are ignored; rows with no date and no answers are\n" +
			"skipped (households not interviewed yet). ROUND is the round's ID or its name (names are\n" +
			"unique in an organisation). USERNAME is recorded as every imported interview's enumerator.\n" +
			"Good rows are saved; refused rows go to an error report (line, column, value, reason) beside\n" +
			"FILE or at --errors, and the command still exits 0, as the other imports do. Importing the same\n" +
			"file again changes nothing. The last line is:\n" +
			"  read N, imported I, unchanged U, skipped S, rejected R",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, err := m.System(cmd.Context(), orgID)
			if err != nil {
				return err
			}
			roundID, err := m.roundID(cmd, p, round)
			if err != nil {
				return err
			}
			u, err := m.Auth.UserByUsername(cmd.Context(), p, enumerator)
			if err != nil {
				return err
			}
			return c.importInterviews(cmd, m, p, roundID, u.ID, args[0], errorsPath)
		}),
	}
	cmd.Flags().StringVar(&round, "round", "", "the survey round's ID or exact name (required)")
	cmd.Flags().StringVar(&enumerator, "enumerator", "", "username of the enumerator recorded on the interviews (required)")
	cmd.Flags().StringVar(&orgID, "org", "", "organisation ID (needed only when the database holds several)")
	errorsFlag(cmd, &errorsPath)
	cmd.MarkFlagRequired("round")
	cmd.MarkFlagRequired("enumerator")
	return cmd
}

// roundID finds a survey round by its ID or its name: the exact name, else
// the one name that matches ignoring case.
func (m *Main) roundID(cmd *cobra.Command, p access.Principal, idOrName string) (string, error) {
	rounds, err := m.Surveys.ListRounds(cmd.Context(), p)
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(idOrName)
	var alike []string
	for _, r := range rounds {
		if r.ID == idOrName || r.Name == name {
			return r.ID, nil
		}
		if strings.EqualFold(r.Name, name) {
			alike = append(alike, r.ID)
		}
	}
	switch len(alike) {
	case 0:
		return "", errs.New(errs.NotFound, "ppisurvey.err.round_not_found")
	case 1:
		return alike[0], nil
	}
	return "", errs.New(errs.Invalid, "svi.cli_ambiguous", name)
}

func (c *cli) importInterviews(cmd *cobra.Command, m *Main, p access.Principal, roundID, enumeratorID, path, errorsPath string) error {
	src, closeSrc, err := registry.OpenFile(path)
	if err != nil {
		return err
	}
	defer closeSrc()
	res, err := m.Surveys.ImportInterviewsWith(cmd.Context(), p, roundID, src, ppisurvey.ImportOptions{Enumerator: enumeratorID})
	if err != nil {
		return err
	}
	lang := cliLang()
	if res.Rejected > 0 {
		err := c.reportRefused(path, errorsPath, func(report string) error {
			return writeRejections(report, res.Rejections, lang)
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintln(c.stdout, i18n.T(lang, "svi.cli_summary", res.Rows, res.Imported, res.Unchanged, res.Skipped, res.Rejected))
	return nil
}
