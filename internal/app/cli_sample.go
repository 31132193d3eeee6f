package app

import "github.com/spf13/cobra"

// sampleCmd draws survey samples and sizes them (issue 5).
func (c *cli) sampleCmd() *cobra.Command {
	return &cobra.Command{Use: "sample", Short: "Draw a survey sample from a CSV list, or size one", Hidden: true}
}
