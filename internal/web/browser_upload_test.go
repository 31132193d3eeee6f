package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/db"
	"github.com/berdaya/berdaya/internal/web"
)

// onlyReader hides a body's length, so that the request is sent chunked,
// without a Content-Length, as a streaming client may send it.
type onlyReader struct{ io.Reader }

// multipartFile builds a multipart form with the CSRF token and one file.
func multipartFile(csrf, name string, size int) (body []byte, contentType string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", csrf)
	fw, _ := mw.CreateFormFile("file", name)
	io.WriteString(fw, "nik;no_kk;nama;jenis_kelamin;tanggal_lahir;kode_wilayah\n")
	line := "1;2;Siti;P;01/01/1990;32\n" // refused by the import, row by row
	io.WriteString(fw, strings.Repeat(line, size/len(line)+1))
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// send posts body as the same site would, with or without its length.
func (b *browser) send(path, contentType string, body []byte, chunked bool) (*http.Response, string) {
	b.e.t.Helper()
	var rd io.Reader = bytes.NewReader(body)
	if chunked {
		rd = onlyReader{rd}
	}
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, rd)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res, string(raw)
}

// TestBodyLimits checks the bounds s.browser puts on a POST before reading
// its form: an upload or a form over its limit is refused with the limit in
// Indonesian, whether the client announced the length or streamed the body;
// an upload within the limit goes through and leaves no temporary file of
// its multipart form behind.
func TestBodyLimits(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	web.SetBodyLimits(t, 2<<20, 1<<20, 1<<10)
	e := newEnv(t, db.SQLite)
	b := e.browser()
	b.login("admin", adminPassword)

	big, ct := multipartFile(b.csrf, "besar.csv", 3<<20)
	for _, chunked := range []bool{false, true} {
		res, body := b.send("/import", ct, big, chunked)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Kiriman terlalu besar: paling banyak 2 MB.") {
			t.Errorf("a 3 MB upload (chunked %v) = %d: %s", chunked, res.StatusCode, body)
		}
	}

	form := url.Values{"csrf": {b.csrf}, "lang": {"en"}, "pad": {strings.Repeat("x", 1<<20)}}
	for _, chunked := range []bool{false, true} {
		res, body := b.send("/lang", "application/x-www-form-urlencoded", []byte(form.Encode()), chunked)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Kiriman terlalu besar: paling banyak 1 MB.") {
			t.Errorf("a 1 MB form (chunked %v) = %d: %s", chunked, res.StatusCode, body)
		}
	}

	// Within the limit, but over what is kept in memory: the file is spooled
	// to a temporary file, which must be gone once the request is answered.
	small, ct := multipartFile(b.csrf, "kecil.csv", 8<<10)
	res, body := b.send("/import", ct, small, true)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("an 8 kB upload = %d: %s", res.StatusCode, body)
	}
	e.waitImport(strings.TrimPrefix(res.Header.Get("Location"), "/import/"))
	left, _ := filepath.Glob(filepath.Join(tmp, "multipart-*"))
	if len(left) > 0 {
		t.Errorf("temporary files of the form left behind: %v", left)
	}
}
