package ppi

import (
	"context"
	"database/sql"
	"time"

	"github.com/berdaya/berdaya/internal/db"
)

// store is the SQL of the scorecard catalogue.
type store struct{ db *db.DB }

// Summary is a card's catalogue entry, without its tables.
type Summary struct {
	ID         string
	Name       string
	Year       int
	Source     string
	Questions  int
	Lines      []string // line codes in order
	ImportedAt time.Time
	ImportedBy string
}

// insert writes a whole card inside tx.
func (s store) insert(ctx context.Context, tx *sql.Tx, c Scorecard, fingerprint string, at time.Time, by string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO ppi_scorecards (id, name, year, source, per_line_points, fingerprint, imported_at, imported_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, c.ID, c.Name, c.Year, c.Source, c.PerLinePoints, fingerprint, at, by); err != nil {
		return err
	}
	var lines, lookup, questions, answers, points [][]any
	for i, l := range c.Lines {
		lines = append(lines, []any{c.ID, l.Code, i, l.Label, l.LabelID})
		for score, p := range l.Percent {
			lookup = append(lookup, []any{c.ID, l.Code, score, p})
		}
	}
	for _, q := range c.Questions {
		questions = append(questions, []any{c.ID, q.No, q.Text, q.TextID, q.Guidance, q.GuidanceID})
		for i, a := range q.Answers {
			answers = append(answers, []any{c.ID, q.No, a.Code, i, a.Text, a.TextID})
			for _, l := range c.Lines {
				points = append(points, []any{c.ID, q.No, a.Code, l.Code, a.Points[l.Code]})
			}
		}
	}
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"ppi_lines", []string{"scorecard_id", "code", "position", "label", "label_id"}, lines},
		{"ppi_lookup", []string{"scorecard_id", "line_code", "score", "percent"}, lookup},
		{"ppi_questions", []string{"scorecard_id", "question_no", "text_en", "text_id", "guidance_en", "guidance_id"}, questions},
		{"ppi_answers", []string{"scorecard_id", "question_no", "code", "position", "text_en", "text_id"}, answers},
		{"ppi_points", []string{"scorecard_id", "question_no", "answer_code", "line_code", "points"}, points},
	} {
		if err := s.db.InsertRows(ctx, tx, t.table, t.cols, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// byName returns the id and fingerprint of the card called name.
func (s store) byName(ctx context.Context, q db.Querier, name string) (id, fingerprint string, found bool, err error) {
	err = q.QueryRowContext(ctx, "SELECT id, fingerprint FROM ppi_scorecards WHERE name = $1", name).Scan(&id, &fingerprint)
	if err == sql.ErrNoRows {
		return "", "", false, nil
	}
	return id, fingerprint, err == nil, err
}

func (s store) list(ctx context.Context) ([]Summary, error) {
	rows, err := s.db.Reader().QueryContext(ctx, `SELECT c.id, c.name, c.year, c.source, c.imported_at, c.imported_by,
		(SELECT COUNT(*) FROM ppi_questions q WHERE q.scorecard_id = c.id)
		FROM ppi_scorecards c ORDER BY c.year DESC, c.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var m Summary
		if err := rows.Scan(&m.ID, &m.Name, &m.Year, &m.Source, &m.ImportedAt, &m.ImportedBy, &m.Questions); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		lines, err := s.lines(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			out[i].Lines = append(out[i].Lines, l.Code)
		}
	}
	return out, nil
}

// get reads a whole card.
func (s store) get(ctx context.Context, id string) (Scorecard, error) {
	c := Scorecard{ID: id}
	err := s.db.Reader().QueryRowContext(ctx, "SELECT name, year, source, per_line_points FROM ppi_scorecards WHERE id = $1", id).
		Scan(&c.Name, &c.Year, &c.Source, &c.PerLinePoints)
	if err != nil {
		return c, err
	}
	if c.Lines, err = s.lines(ctx, id); err != nil {
		return c, err
	}
	if err := s.lookup(ctx, &c); err != nil {
		return c, err
	}
	if c.Questions, err = s.questions(ctx, id); err != nil {
		return c, err
	}
	return c, s.answers(ctx, &c)
}

func (s store) lines(ctx context.Context, id string) ([]Line, error) {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT code, label, label_id FROM ppi_lines WHERE scorecard_id = $1 ORDER BY position", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Line
	for rows.Next() {
		l := Line{Percent: make([]float64, MaxScore+1)}
		if err := rows.Scan(&l.Code, &l.Label, &l.LabelID); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func (s store) lookup(ctx context.Context, c *Scorecard) error {
	rows, err := s.db.Reader().QueryContext(ctx, "SELECT line_code, score, percent FROM ppi_lookup WHERE scorecard_id = $1", c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	index := map[string]int{}
	for i, l := range c.Lines {
		index[l.Code] = i
	}
	for rows.Next() {
		var code string
		var score int
		var p float64
		if err := rows.Scan(&code, &score, &p); err != nil {
			return err
		}
		c.Lines[index[code]].Percent[score] = p
	}
	return rows.Err()
}

func (s store) questions(ctx context.Context, id string) ([]Question, error) {
	rows, err := s.db.Reader().QueryContext(ctx, `SELECT question_no, text_en, text_id, guidance_en, guidance_id
		FROM ppi_questions WHERE scorecard_id = $1 ORDER BY question_no`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Question
	for rows.Next() {
		var q Question
		if err := rows.Scan(&q.No, &q.Text, &q.TextID, &q.Guidance, &q.GuidanceID); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// answers fills the questions' answers and their points.
func (s store) answers(ctx context.Context, c *Scorecard) error {
	rows, err := s.db.Reader().QueryContext(ctx, `SELECT a.question_no, a.code, a.text_en, a.text_id, p.line_code, p.points
		FROM ppi_answers a JOIN ppi_points p ON p.scorecard_id = a.scorecard_id AND p.question_no = a.question_no AND p.answer_code = a.code
		WHERE a.scorecard_id = $1 ORDER BY a.question_no, a.position`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a Answer
		var no, pts int
		var line string
		if err := rows.Scan(&no, &a.Code, &a.Text, &a.TextID, &line, &pts); err != nil {
			return err
		}
		q := &c.Questions[no-1]
		if n := len(q.Answers); n == 0 || q.Answers[n-1].Code != a.Code {
			a.Points = map[string]int{}
			q.Answers = append(q.Answers, a)
		}
		q.Answers[len(q.Answers)-1].Points[line] = pts
	}
	return rows.Err()
}
