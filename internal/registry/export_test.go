package registry

import (
	"context"
	"fmt"
	"slices"

	"github.com/berdaya/berdaya/internal/access"
	"github.com/berdaya/berdaya/internal/db"
)

// ListPersonsByLike lists as ListPersons does, but only through the persons
// indexes and the LIKE conditions of personWhere: the meaning person_words
// must keep.
func (s *Service) ListPersonsByLike(ctx context.Context, p access.Principal, f Filter) (Page, error) {
	if err := f.Normalize(); err != nil {
		return Page{}, err
	}
	st := s.store
	st.noWords = true
	return st.listPersons(ctx, p.OrgID, p.Scope, f, s.today())
}

// CheckWords compares person_words with the words of the live persons' name
// keys and the columns it copies; it returns the first difference.
func CheckWords(ctx context.Context, d *db.DB) error {
	row := func(org, id string, lead int, word, key, sex, birth, tg string) string {
		return fmt.Sprintf("%s|%s|%d|%s|%s|%s|%s|%s", org, id, lead, word, key, sex, birth, tg)
	}
	var want, got []string
	rows, err := d.Reader().QueryContext(ctx, "SELECT org_id, id, name_key, sex, birth_date, target_group FROM persons WHERE merged_into = ''")
	if err != nil {
		return err
	}
	for rows.Next() {
		var org, id, key, sex, birth, tg string
		if err := rows.Scan(&org, &id, &key, &sex, &birth, &tg); err != nil {
			rows.Close()
			return err
		}
		for _, w := range nameWords(key) {
			want = append(want, row(org, id, w.lead, w.word, key, sex, birth, tg))
		}
	}
	rows.Close()
	rows, err = d.Reader().QueryContext(ctx, "SELECT org_id, person_id, lead, word, name_key, sex, birth_date, target_group FROM person_words")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var org, id, word, key, sex, birth, tg string
		var lead int
		if err := rows.Scan(&org, &id, &lead, &word, &key, &sex, &birth, &tg); err != nil {
			return err
		}
		got = append(got, row(org, id, lead, word, key, sex, birth, tg))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	slices.Sort(want)
	slices.Sort(got)
	if len(want) == 0 {
		return fmt.Errorf("no words at all")
	}
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return fmt.Errorf("person_words has %d rows, want %d; first difference: got %q, want %q", len(got), len(want), g, w)
		}
	}
	return nil
}

// WordsOf lists the words person_words holds for a person, in name order.
func WordsOf(ctx context.Context, d *db.DB, id string) ([]string, error) {
	rows, err := d.Reader().QueryContext(ctx, "SELECT word FROM person_words WHERE person_id = $1 ORDER BY lead", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
