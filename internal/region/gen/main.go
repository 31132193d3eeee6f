// Command gen converts the CSV files of an idn-area-data release into the
// compact file that package region embeds. Run it through `go generate
// ./internal/region` (see generate.sh), which fetches the pinned release with npm.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/berdaya/berdaya/internal/region"
)

func main() {
	src := flag.String("src", "", "folder holding provinces.csv, regencies.csv, districts.csv, villages.csv")
	out := flag.String("out", "data/regions.tsv.gz", "file to write")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	regions, err := region.ReadCSVDir(src)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := region.EncodeTSV(f, regions); err != nil {
		f.Close()
		return err
	}
	fmt.Printf("wrote %d regions to %s\n", len(regions), out)
	return f.Close()
}
