package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestGroupEditPage corrects a group's name and address through its edit
// form; a blank name is refused in Indonesian with what was typed kept, and
// the programme and type cannot be changed from the form.
func TestGroupEditPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *env) {
		f := newGroupPageFixture(t, e)
		b := e.browser()
		b.login("admin", adminPassword)
		base := "/groups/" + f.group.ID
		b.mustGet(base+"/edit", "Ubah data kelompok", `value="KSP Mekar Sari"`, `name="type" required disabled`)
		form := url.Values{"csrf": {b.csrf}, "programme_id": {f.prog.ID}, "type": {"kube"}, "name": {" "}, "business_field": {"daur_ulang"},
			"village_code": {"32.04.05.2001"}, "address": {"RW 07, dekat pasar"}}
		res, body := b.post(base+"/edit", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "RW 07, dekat pasar") {
			t.Errorf("blank name = %d", res.StatusCode)
		}
		form.Set("name", "KSP Mekar Sari Jaya")
		form.Set("type", "ksp")
		if res, _ := b.post(base+"/edit", form); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != base {
			t.Fatalf("edit = %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		det, err := e.m.Groups.GetGroup(context.Background(), e.admin, f.group.ID)
		if err != nil || det.Group.Name != "KSP Mekar Sari Jaya" || det.Group.Address != "RW 07, dekat pasar" || det.Group.Type != "ksp" {
			t.Errorf("after the edit %+v %v", det.Group, err)
		}
		b.mustGet(base, "KSP Mekar Sari Jaya", "Data kelompok sudah disimpan.")
	})
}
