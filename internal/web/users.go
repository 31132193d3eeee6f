package web

import (
	"net/http"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/auth"
	"github.com/berdaya/berdaya/internal/i18n"
)

type usersData struct {
	Users []auth.User
}

type userFormData struct {
	User  auth.User
	Roles []access.Role
	New   bool
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	users, err := s.Auth.ListUsers(r.Context(), principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", s.newView(w, r, i18n.T(state(r).lang, "nav.users"), usersData{Users: users}))
}

func (s *Server) newUserForm(w http.ResponseWriter, r *http.Request) {
	if err := principal(r).Require(access.ManageUsers); err != nil {
		s.fail(w, r, err)
		return
	}
	d := userFormData{Roles: access.Roles, New: true, User: auth.User{Scope: principal(r).Scope, Role: access.Viewer}}
	s.render(w, r, http.StatusOK, "user", s.newView(w, r, i18n.T(state(r).lang, "users.new"), d))
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	nu := auth.NewUser{Username: r.FormValue("username"), Name: r.FormValue("name"), Password: r.FormValue("password"),
		Role: access.Role(r.FormValue("role")), Scope: r.FormValue("scope"), Lang: r.FormValue("lang")}
	u, err := s.Auth.CreateUser(r.Context(), principal(r), nu)
	if err != nil {
		d := userFormData{Roles: access.Roles, New: true}
		s.formError(w, r, "user", i18n.T(state(r).lang, "users.new"), d, err)
		return
	}
	s.flash(w, r, "users.created")
	http.Redirect(w, r, "/admin/users/"+u.ID, http.StatusSeeOther)
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	u, err := s.Auth.GetUser(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user", s.newView(w, r, u.Name, userFormData{User: u, Roles: access.Roles}))
}

// updateUser saves the edit form, or disables/enables with action=disable|enable.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	var up auth.Update
	switch r.FormValue("action") {
	case "disable", "enable":
		disabled := r.FormValue("action") == "disable"
		up.Disabled = &disabled
	default:
		name, scope, role := r.FormValue("name"), r.FormValue("scope"), access.Role(r.FormValue("role"))
		up.Name, up.Scope, up.Role = &name, &scope, &role
	}
	id := r.PathValue("id")
	if _, err := s.Auth.UpdateUser(r.Context(), principal(r), id, up); err != nil {
		s.userFormError(w, r, id, err)
		return
	}
	s.flash(w, r, "users.saved")
	http.Redirect(w, r, "/admin/users/"+id, http.StatusSeeOther)
}

func (s *Server) userFormError(w http.ResponseWriter, r *http.Request, id string, err error) {
	u, gerr := s.Auth.GetUser(r.Context(), principal(r), id)
	if gerr != nil {
		s.fail(w, r, gerr)
		return
	}
	s.formError(w, r, "user", u.Name, userFormData{User: u, Roles: access.Roles}, err)
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := auth.CheckNewPassword(r.FormValue("password"), r.FormValue("password2"), ""); err != nil {
		s.userFormError(w, r, id, err)
		return
	}
	if err := s.Auth.SetPassword(r.Context(), principal(r), id, r.FormValue("password")); err != nil {
		s.userFormError(w, r, id, err)
		return
	}
	s.flash(w, r, "users.password_set")
	http.Redirect(w, r, "/admin/users/"+id, http.StatusSeeOther)
}
