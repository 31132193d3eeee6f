package app

import (
	"fmt"
	"strings"

	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/ppi"
	"github.com/spf13/cobra"
)

// ppiCmd imports PPI scorecards and estimates poverty rates (issue 5).
func (c *cli) ppiCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "ppi", Short: "Poverty Probability Index: import scorecards, estimate poverty rates"}
	cmd.AddCommand(c.ppiImportCmd(), c.ppiListCmd(), c.ppiEstimateCmd(), c.ppiInterviewsCmd())
	return cmd
}

func (c *cli) ppiImportCmd() *cobra.Command {
	var name, lookup, orgID string
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import a PPI scorecard from IPA's workbook (.xlsx) or the CSV form",
		Long: "Import a Poverty Probability Index scorecard into the catalogue shared by every organisation.\n" +
			"FILE is either:\n" +
			"  - IPA's own workbook (.xlsx, \"Scorecard + Look-up Tables\", from povertyindex.org), or\n" +
			"  - a scorecard CSV (question_no, question, answer_code, answer, then points or one\n" +
			"    points_<line> column per poverty line, optional guidance) whose look-up table CSV\n" +
			"    (score, then one column per line, likelihoods in percent) is given with --lookup, or sits\n" +
			"    beside it with \"scorecard\" replaced by \"lookup\" in the name\n" +
			"    (idn_2023_scorecard.csv -> idn_2023_lookup.csv).\n" +
			"The name defaults to the country and year (\"IDN 2023\"). Importing the same card again changes\n" +
			"nothing; a different card needs a new --name. Needs an administrator; audited. Prints:\n" +
			"  imported scorecard NAME: N questions, L poverty lines",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, err := m.System(cmd.Context(), orgID)
			if err != nil {
				return err
			}
			card, err := ppi.ReadFile(args[0], lookup)
			if err != nil {
				return err
			}
			if name != "" {
				card.Name = name
			}
			res, err := m.PPI.Import(cmd.Context(), p, card)
			if err != nil {
				return err
			}
			key := "ppi.imported"
			if res.Unchanged {
				key = "ppi.unchanged"
			}
			fmt.Fprintln(c.stdout, i18n.T(cliLang(), key, res.Card.Name, res.Card.Questions, len(res.Card.Lines)))
			return nil
		}),
	}
	cmd.Flags().StringVar(&name, "name", "", "name of the scorecard in the catalogue (default: country and year, e.g. \"IDN 2023\")")
	cmd.Flags().StringVar(&lookup, "lookup", "", "look-up table CSV for a scorecard CSV (default: the scorecard's name with \"scorecard\" replaced by \"lookup\")")
	cmd.Flags().StringVar(&orgID, "org", "", "organisation whose audit log records the import (needed only when the database holds several)")
	return cmd
}

func (c *cli) ppiListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the PPI scorecards in the catalogue with their poverty lines",
		Args:  cobra.NoArgs,
		RunE: c.withMain(func(cmd *cobra.Command, _ []string, m *Main) error {
			cards, err := m.PPI.List(cmd.Context())
			if err != nil {
				return err
			}
			lang := cliLang()
			if len(cards) == 0 {
				fmt.Fprintln(c.stdout, i18n.T(lang, "ppi.none"))
				return nil
			}
			for _, s := range cards {
				fmt.Fprintln(c.stdout, i18n.T(lang, "ppi.list_row", s.Name, s.Year, s.Questions, strings.Join(s.Lines, ", ")))
			}
			return nil
		}),
	}
}
