package region

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

//go:generate sh gen/generate.sh

// DataSource names the release the embedded data was generated from.
const DataSource = "idn-area-data 4.0.1"

// embeddedData is every region as "code<TAB>name" lines, gzip-compressed,
// generated from idn-area-data by gen/generate.sh and committed so that building
// needs no npm.
//
//go:embed data/regions.tsv.gz
var embeddedData []byte

// Embedded returns the built-in regions, top level first.
func Embedded() ([]Region, error) {
	zr, err := gzip.NewReader(bytes.NewReader(embeddedData))
	if err != nil {
		return nil, fmt.Errorf("embedded regions: %w", err)
	}
	return decodeTSV(zr)
}

func decodeTSV(r io.Reader) ([]Region, error) {
	out := make([]Region, 0, 92000)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		code, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("embedded regions: bad line %q", sc.Text())
		}
		out = append(out, New(code, name))
	}
	return out, sc.Err()
}

// EncodeTSV writes regions in the embedded format: gzip with no name or time in
// its header, so that the same input always gives the same bytes.
func EncodeTSV(w io.Writer, regions []Region) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, r := range regions {
		if _, err := fmt.Fprintf(bw, "%s\t%s\n", r.Code, r.Name); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
