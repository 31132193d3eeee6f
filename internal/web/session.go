package web

import (
	"net/http"
	"time"

	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/errs"
	"github.com/berdaya/berdaya/internal/i18n"
)

type loginData struct{ Next string }

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if state(r).session != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	v := s.newView(w, r, i18n.T(state(r).lang, "login.title"), loginData{Next: safeNext(r.URL.Query().Get("next"))})
	s.render(w, r, http.StatusOK, "login", v)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	data := loginData{Next: safeNext(r.FormValue("next"))}
	sess, err := s.Auth.Login(r.Context(), r.FormValue("username"), r.FormValue("password"), s.clientAddr(r))
	if err != nil {
		s.formError(w, r, "login", i18n.T(state(r).lang, "login.title"), data, err)
		return
	}
	s.startSession(w, r, sess)
	http.Redirect(w, r, data.Next, http.StatusSeeOther)
}

func (s *Server) startSession(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	s.setCookie(w, r, sessionCookie, sess.Cookie, auth.SessionTTL)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if st := state(r); st.session != nil {
		if err := s.Auth.Logout(r.Context(), st.session.Cookie); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	s.flash(w, r, "login.logged_out")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// setLanguage stores the chosen language: on the user when signed in, in a
// cookie for guests.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.FormValue("lang")
	if !i18n.Supported(lang) {
		s.fail(w, r, errs.New(errs.Invalid, "user.err.lang"))
		return
	}
	if st := state(r); st.session != nil {
		if err := s.Auth.SetLanguage(r.Context(), st.session.Principal, lang); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.setCookie(w, r, langCookie, lang, 365*24*time.Hour)
	http.Redirect(w, r, safeNext(r.FormValue("next")), http.StatusSeeOther)
}

type setupData struct{ Token string }

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	ok, err := s.Auth.SetupLinkValid(r.Context(), token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.fail(w, r, errs.New(errs.NotFound, "setup.err.link"))
		return
	}
	s.render(w, r, http.StatusOK, "setup", s.newView(w, r, i18n.T(state(r).lang, "setup.title"), setupData{Token: token}))
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	data := setupData{Token: r.FormValue("token")}
	if err := auth.CheckNewPassword(r.FormValue("password"), r.FormValue("password2"), r.FormValue("username")); err != nil {
		s.formError(w, r, "setup", i18n.T(state(r).lang, "setup.title"), data, err)
		return
	}
	nu := auth.NewUser{Username: r.FormValue("username"), Name: r.FormValue("name"), Password: r.FormValue("password"), Lang: state(r).lang}
	sess, err := s.Auth.CompleteSetup(r.Context(), data.Token, r.FormValue("org"), nu)
	if err != nil {
		s.formError(w, r, "setup", i18n.T(state(r).lang, "setup.title"), data, err)
		return
	}
	s.startSession(w, r, sess)
	s.flash(w, r, "setup.done")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
