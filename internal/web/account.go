package web

import (
	"net/http"

	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/i18n"
	"github.com/berdaya/berdaya/internal/region"
)

type accountData struct {
	ScopePath []region.Region
	Tokens    []auth.Token
	NewToken  string // shown once, right after creation
}

func (s *Server) accountData(r *http.Request) (accountData, error) {
	p := principal(r)
	var d accountData
	var err error
	if d.ScopePath, err = s.scopePath(r, p); err != nil {
		return d, err
	}
	d.Tokens, err = s.Auth.Tokens(r.Context(), p, p.UserID)
	return d, err
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	d, err := s.accountData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account", s.newView(w, r, i18n.T(state(r).lang, "account.title"), d))
}

func (s *Server) accountError(w http.ResponseWriter, r *http.Request, err error) {
	d, derr := s.accountData(r)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.formError(w, r, "account", i18n.T(state(r).lang, "account.title"), d, err)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	sess, err := s.Auth.ChangeOwnPassword(r.Context(), principal(r), r.FormValue("old_password"), r.FormValue("password"), r.FormValue("password2"))
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	s.startSession(w, r, sess)
	s.flash(w, r, "account.password_changed")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Server) createOwnToken(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	secret, _, err := s.Auth.CreateToken(r.Context(), p, p.UserID, r.FormValue("name"))
	if err != nil {
		s.accountError(w, r, err)
		return
	}
	d, err := s.accountData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.NewToken = secret
	s.render(w, r, http.StatusOK, "account", s.newView(w, r, i18n.T(state(r).lang, "account.title"), d))
}

func (s *Server) revokeOwnToken(w http.ResponseWriter, r *http.Request) {
	p := principal(r)
	if err := s.Auth.RevokeToken(r.Context(), p, p.UserID, r.PathValue("id")); err != nil {
		s.accountError(w, r, err)
		return
	}
	s.flash(w, r, "account.token_revoked")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
