package pdf

import (
	"strings"
	"testing"

	"github.com/berdaya/berdaya/internal/chart"
	"github.com/berdaya/berdaya/internal/pdf/pdftext"
)

// rateChart is a chart such as a survey report prints.
func rateChart() chart.Chart {
	return chart.Chart{Title: "Tingkat kemiskinan per garis", Axis: "Garis hitam: selang kepercayaan 90,0%", Horizontal: true, Max: 1,
		Ticks: []chart.Tick{{Value: 0, Text: "0%"}, {Value: 0.5, Text: "50%"}, {Value: 1, Text: "100%"}},
		Bars: []chart.Bar{
			{Label: "Garis Kemiskinan Nasional", Value: 0.558, Text: "55,8%", Interval: true, Low: 0.365, High: 0.750},
			{Label: "$3,65/hari (PPP 2017)", Value: 0.64, Text: "64,0%", Interval: true, Low: 0.454, High: 0.826},
		}}
}

// A chart prints its title, labels, values, ticks and caption, and draws
// one filled rectangle per bar.
func TestChartText(t *testing.T) {
	d := New(Options{Title: "Laporan", Uncompressed: true, Created: fixed})
	d.Chart(rateChart())
	d.Chart(chart.Chart{Title: "Kosong", Empty: "Belum ada data untuk grafik ini."})
	file := render(t, d)
	text, err := pdftext.Text(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tingkat kemiskinan per garis", "Garis Kemiskinan Nasional", "$3,65/hari (PPP 2017)", "55,8%", "64,0%",
		"0%", "50%", "100%", "Garis hitam: selang kepercayaan 90,0%", "Kosong", "Belum ada data untuk grafik ini."} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("chart text lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(string(file), " re f"); n != 2 {
		t.Errorf("%d filled rectangles, want the two bars (the empty chart draws none)", n)
	}
}

// A chart that does not fit at the foot of a page moves to the next one
// with its title.
func TestChartKeepsTogether(t *testing.T) {
	d := New(Options{Title: "Laporan", Uncompressed: true, Created: fixed})
	d.Paragraph(strings.Repeat("Baris pengisi.\n", 42))
	d.Chart(rateChart())
	pages := pageTexts(t, render(t, d))
	if len(pages) != 2 {
		t.Fatalf("%d pages", len(pages))
	}
	if count(pages[0], "Tingkat kemiskinan per garis") != 0 || count(pages[1], "Tingkat kemiskinan per garis") != 1 || count(pages[1], "55,8%") != 1 {
		t.Errorf("the chart was split from its title or page:\n%q\n%q", pages[0], pages[1])
	}
}

// Layout with the printed font: a label that fits is printed whole.
func TestChartMeasure(t *testing.T) {
	d := New(Options{})
	var r *renderer
	d.add(func(x *renderer) { r = x })
	if _, err := d.render(0); err != nil {
		t.Fatal(err)
	}
	w := r.chartMeasure("Garis Kemiskinan Nasional", chartFontUnits)
	if est := chart.EstimateWidth("Garis Kemiskinan Nasional", chartFontUnits); w <= 0 || w > est {
		t.Errorf("measured %v, estimate %v: the estimate should be the larger", w, est)
	}
}
