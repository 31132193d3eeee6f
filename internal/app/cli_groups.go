package app

import (
	"fmt"
	"strings"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/registry"
	"github.com/spf13/cobra"
)

func (c *cli) importGroupsCmd() *cobra.Command {
	var orgID, errorsPath, prog string
	cmd := &cobra.Command{
		Use:   "groups FILE",
		Short: "Import groups and their members (one row per member) into a programme",
		Long: "Import groups and members from a .xlsx or .csv file: one row per member, with the columns\n" +
			"kelompok/group, nik, and for a group's first row jenis/type, bidang_usaha/business_field,\n" +
			"kode_wilayah/village_code, alamat/address; optional peran/role and tanggal_masuk/joined.\n" +
			"Members must already be in the registry. A group is made when first named; a member is\n" +
			"added unless already active. Refused rows go to an error report beside FILE or at --errors.\n" +
			"Importing the same file again adds nothing. The last line is:\n" +
			"  groups created G, members added M, unchanged K, rejected R",
		Args: cobra.ExactArgs(1),
		RunE: c.withMain(func(cmd *cobra.Command, args []string, m *Main) error {
			p, err := m.System(cmd.Context(), orgID)
			if err != nil {
				return err
			}
			progID, err := m.programmeID(cmd, p, prog)
			if err != nil {
				return err
			}
			return c.importGroups(cmd, m, p, progID, args[0], errorsPath)
		}),
	}
	cmd.Flags().StringVar(&prog, "programme", "", "the programme's ID or exact name (required)")
	cmd.Flags().StringVar(&orgID, "org", "", "organisation ID (needed only when the database holds several)")
	errorsFlag(cmd, &errorsPath)
	cmd.MarkFlagRequired("programme")
	return cmd
}

// programmeID finds a programme by its ID or its exact name.
func (m *Main) programmeID(cmd *cobra.Command, p access.Principal, idOrName string) (string, error) {
	progs, err := m.Programmes.ListProgrammes(cmd.Context(), p)
	if err != nil {
		return "", err
	}
	for _, prog := range progs {
		if prog.ID == idOrName || strings.EqualFold(prog.Name, strings.TrimSpace(idOrName)) {
			return prog.ID, nil
		}
	}
	return "", errs.New(errs.NotFound, "programme.err.not_found")
}

func (c *cli) importGroups(cmd *cobra.Command, m *Main, p access.Principal, progID, path, errorsPath string) error {
	src, closeSrc, err := registry.OpenFile(path)
	if err != nil {
		return err
	}
	defer closeSrc()
	var refused []registry.Rejection
	res, err := m.Groups.ImportMembers(cmd.Context(), p, progID, src, func(r registry.Rejection) error {
		refused = append(refused, r)
		return nil
	})
	if err != nil {
		return err
	}
	if len(refused) > 0 {
		err := c.reportRefused(path, errorsPath, func(report string) error { return writeRejections(report, refused, cliLang()) })
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "groups created %d, members added %d, unchanged %d, rejected %d\n", res.Groups, res.Members, res.Unchanged, res.Rejected)
	return nil
}

// writeRejections writes refused rows, translated, to path as .xlsx or .csv.
func writeRejections(path string, refused []registry.Rejection, lang string) error {
	return writeTable(path, func(write func([]string) error) error {
		if err := write(registry.ReportHeader(lang)); err != nil {
			return err
		}
		for _, r := range refused {
			if err := write([]string{fmt.Sprint(r.Line), r.Column, r.Value, i18n.T(lang, r.Reason, r.Args...)}); err != nil {
				return err
			}
		}
		return nil
	})
}
