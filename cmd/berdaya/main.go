// Command berdaya is the whole Berdaya system in one binary: web application,
// JSON API and command line. See `berdaya --help`.
package main

import (
	"os"

	"github.com/berdaya/berdaya/internal/app"
)

func main() {
	os.Exit(app.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
