package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/berdaya/berdaya/internal/group"
	"github.com/berdaya/berdaya/internal/programme"
	"github.com/berdaya/berdaya/internal/registry"
)

// gpNames are the waste pickers of the group pages' fixture, all of
// Desa Cileunyi Kulon (32.04.05.2001), each head of their own family.
var gpNames = []string{"Asep Sunandar", "Dedi Mulyadi", "Ujang Saepudin", "Cecep Hidayat", "Dadang Supriatna", "Endang Kurnia", "Yayat Sudrajat", "Agus Salim"}

// gpFixture is a waste-picker programme in Kecamatan Cileunyi with one new
// KSP group and the registry persons who will form it.
type gpFixture struct {
	prog    programme.Programme
	group   group.Group
	persons []registry.Person
}

// newGroupPageFixture creates the programme, the group and the persons through
// the services, as the national admin.
func newGroupPageFixture(t *testing.T, e *env) gpFixture {
	t.Helper()
	ctx := context.Background()
	prog, err := e.m.Programmes.CreateProgramme(ctx, e.admin, programme.Input{Name: "Pemberdayaan Pemulung Fase II", Start: "01/01/2026", End: "31/12/2027",
		Regions: []string{"32.04.05"}, Targets: []string{"pemulung"}, Rules: []programme.Rules{programme.DefaultRules(programme.KSP)}})
	if err != nil {
		t.Fatalf("programme: %v", err)
	}
	g, err := e.m.Groups.CreateGroup(ctx, e.admin, group.Input{ProgrammeID: prog.ID, Name: "KSP Mekar Sari", Type: string(programme.KSP),
		Field: string(group.Recycling), VillageCode: "3204052001", Address: "RW 05, dekat TPS"})
	if err != nil {
		t.Fatalf("group: %v", err)
	}
	f := gpFixture{prog: prog, group: g}
	for i, name := range gpNames {
		p, err := e.m.Registry.CreatePerson(ctx, e.admin, registry.PersonInput{NIK: fmt.Sprintf("320405%02d0180%04d", i+1, i+1),
			KK: fmt.Sprintf("320405120310%04d", i+1), Name: name, Sex: "L", BirthDate: fmt.Sprintf("%02d/01/1980", i+1),
			Relationship: "kepala_keluarga", VillageCode: "3204052001", TargetGroup: "pemulung", Consent: "ya"})
		if err != nil {
			t.Fatalf("person %s: %v", name, err)
		}
		f.persons = append(f.persons, p)
	}
	return f
}

func groupPageMember(personID string) group.MemberInput {
	return group.MemberInput{PersonID: personID, Joined: "05/09/2026"}
}
