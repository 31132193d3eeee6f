package app

import "github.com/spf13/cobra"

// ppiCmd imports PPI scorecards and estimates poverty rates (issue 5).
func (c *cli) ppiCmd() *cobra.Command {
	return &cobra.Command{Use: "ppi", Short: "Poverty Probability Index: import scorecards, estimate poverty rates", Hidden: true}
}
