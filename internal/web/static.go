package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// assetHashes maps each static file to a short hash of its content; pages link
// to /static/<hash>/<file>, so browsers may cache a file for ever and still get
// a new one after an upgrade.
var assetHashes = func() map[string]string {
	out := map[string]string{}
	fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return out
}()

func assetURL(name string) string { return "/static/" + assetHashes[name] + "/" + name }

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFiles, "static")
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// /static/<hash>/<name>: drop the hash, serve the file, cache for a year.
		rest := strings.TrimPrefix(r.URL.Path, "/static/")
		_, name, ok := strings.Cut(rest, "/")
		if !ok || assetHashes[name] == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + name
		files.ServeHTTP(w, r2)
	})
}
