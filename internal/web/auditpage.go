package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/berdaya/berdaya/internal/audit"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

type auditData struct {
	Entries []audit.Entry
	Filter  url.Values
	NextSeq int64 // for the "older" link; 0 when this is the last page
}

// auditFilter reads the filter form: entity, entity_id, actor, action, from and
// to as dates (to inclusive), before (paging).
func auditFilter(q url.Values) (audit.Filter, error) {
	f := audit.Filter{Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Actor: q.Get("actor"), Action: q.Get("action"), Limit: 50}
	fields := errs.Fields{}
	if v := q.Get("from"); v != "" {
		t, err := i18n.ParseDate(v)
		if err != nil {
			fields.Add("from", "err.date")
		}
		f.From = t
	}
	if v := q.Get("to"); v != "" {
		t, err := i18n.ParseDate(v)
		if err != nil {
			fields.Add("to", "err.date")
		}
		f.To = t.AddDate(0, 0, 1)
	}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			fields.Add("before", "err.invalid")
		}
		f.BeforeSeq = n
	}
	return f, fields.Err()
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := auditData{Filter: q}
	f, err := auditFilter(q)
	if err == nil {
		d.Entries, err = s.Audit.List(r.Context(), principal(r), f)
	}
	title := i18n.T(state(r).lang, "nav.audit")
	if err != nil {
		if errs.CodeOf(err) == errs.Forbidden || errs.CodeOf(err) == "" {
			s.fail(w, r, err)
			return
		}
		v := s.newView(w, r, title, d)
		s.render(w, r, s.setFormError(r, &v, err), "audit", v)
		return
	}
	if len(d.Entries) == f.Limit {
		d.NextSeq = d.Entries[len(d.Entries)-1].Seq
	}
	s.render(w, r, http.StatusOK, "audit", s.newView(w, r, title, d))
}

// olderLink keeps the filter and pages back from seq.
func (d auditData) OlderLink() string {
	q := url.Values{}
	for k, v := range d.Filter {
		q[k] = v
	}
	q.Set("before", strconv.FormatInt(d.NextSeq, 10))
	return "/admin/audit?" + q.Encode()
}
