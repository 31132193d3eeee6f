// Command list measures the latency of the person list API under a fixed,
// seeded mix of realistic filtered queries.
//
//	go run ./bench/list --url http://127.0.0.1:8080 --token bdy_... [--n 300] [--concurrency 1]
//
// It first samples region codes from the data through the API (not timed), then
// sends --n GET /api/v1/persons requests from --concurrency workers and prints
// count, p50, p95, p99 and max latency in milliseconds, the non-200 count, and
// a breakdown by the kind of query. The same --seed gives the same queries.
// Standard library only.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Names people type into the search box: common given names and name parts.
var names = []string{"siti", "muhammad", "dewi", "nur", "ahmad", "sri", "budi", "putri", "agus", "wati",
	"rahmat", "eka", "yusuf", "ani", "hasan", "siti nur", "muh", "dw"}

var targetGroups = []string{"fakir_miskin", "lanjut_usia", "penyandang_disabilitas", "anak_terlantar",
	"wanita_rawan_sosial_ekonomi", "keluarga_muda_mandiri", "karang_taruna", "pemulung", "keluarga_kumuh"}

var ageBands = [][2]int{{0, 17}, {18, 60}, {18, 0}, {60, 0}, {25, 45}, {5, 12}}

// query is one planned request and the kind it is counted under.
type query struct {
	path string
	kind []string
}

type result struct {
	kind   []string
	path   string
	status int
	ms     float64
	err    error
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server base URL")
	token := flag.String("token", os.Getenv("BERDAYA_TOKEN"), "API token (env BERDAYA_TOKEN)")
	n := flag.Int("n", 300, "requests to time")
	conc := flag.Int("concurrency", 1, "parallel clients")
	seed := flag.Uint64("seed", 1, "seed of the query mix")
	warmup := flag.Int("warmup", 10, "untimed requests sent first (from the same mix)")
	perPage := flag.Int("per-page", 50, "per_page of every request")
	maxPage := flag.Int("max-page", 20, "highest page requested")
	timeout := flag.Duration("timeout", 60*time.Second, "timeout of one request")
	slowest := flag.Int("slowest", 5, "how many of the slowest requests to list")
	flag.Parse()
	if *token == "" || *n <= 0 || *conc <= 0 {
		fmt.Fprintln(os.Stderr, "list: --token is required; --n and --concurrency must be positive")
		os.Exit(2)
	}
	client := &http.Client{Timeout: *timeout, Transport: &http.Transport{MaxIdleConnsPerHost: *conc + 1}}
	c := &caller{client: client, base: strings.TrimRight(*base, "/"), token: *token}

	regions, total, err := c.sampleRegions()
	if err != nil {
		fmt.Fprintln(os.Stderr, "list: sampling regions:", err)
		os.Exit(1)
	}
	rng := rand.New(rand.NewPCG(*seed, 0x6265726461796121))
	plan := make([]query, *warmup+*n)
	for i := range plan {
		plan[i] = makeQuery(rng, regions, *perPage, *maxPage)
	}
	fmt.Printf("unfiltered list total (the API caps counts): %d; regions sampled: %d provinces, %d regencies, %d districts, %d villages\n",
		total, len(regions[0]), len(regions[1]), len(regions[2]), len(regions[3]))

	c.run(plan[:*warmup], *conc)
	start := time.Now()
	res := c.run(plan[*warmup:], *conc)
	wall := time.Since(start)
	report(res, wall, *conc, *slowest)
	for _, r := range res {
		if r.status != http.StatusOK {
			os.Exit(1)
		}
	}
}

type caller struct {
	client *http.Client
	base   string
	token  string
}

func (c *caller) get(path string) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}

// sampleRegions reads a few pages of persons found by common names (spread over
// the country) and collects their region codes at each level.
func (c *caller) sampleRegions() ([4][]string, int, error) {
	var out [4][]string
	seen := [4]map[string]bool{{}, {}, {}, {}}
	total := 0
	probes := append([]string{""}, "siti", "budi", "agus", "dewi", "yusuf", "rahmat", "putri")
	for _, q := range probes {
		status, body, err := c.get("/api/v1/persons?per_page=200&q=" + url.QueryEscape(q))
		if err != nil {
			return out, 0, err
		}
		if status != http.StatusOK {
			return out, 0, fmt.Errorf("GET /api/v1/persons: status %d: %.200s", status, body)
		}
		var page struct {
			Total int `json:"total"`
			Items []struct {
				VillageCode string `json:"village_code"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return out, 0, err
		}
		if q == "" {
			total = page.Total
		}
		for _, it := range page.Items {
			parts := strings.Split(it.VillageCode, ".")
			for lvl := 0; lvl < 4 && lvl < len(parts); lvl++ {
				code := strings.Join(parts[:lvl+1], ".")
				if !seen[lvl][code] {
					seen[lvl][code] = true
					out[lvl] = append(out[lvl], code)
				}
			}
		}
	}
	for lvl := range out {
		if len(out[lvl]) == 0 {
			return out, total, fmt.Errorf("no persons found: import some first")
		}
		slices.Sort(out[lvl]) // a stable order, so the seed alone decides the mix
	}
	return out, total, nil
}

// makeQuery draws one list request the way people use the page: mostly a region,
// often a target group, sometimes sex, an age band or a name, now and then a
// later page or another sort.
func makeQuery(rng *rand.Rand, regions [4][]string, perPage, maxPage int) query {
	v := url.Values{}
	var kind []string
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	switch r := rng.Float64(); {
	case r < 0.20:
		v.Set("region", pick(regions[0]))
		kind = append(kind, "region=province")
	case r < 0.45:
		v.Set("region", pick(regions[1]))
		kind = append(kind, "region=regency")
	case r < 0.65:
		v.Set("region", pick(regions[2]))
		kind = append(kind, "region=district")
	case r < 0.80:
		v.Set("region", pick(regions[3]))
		kind = append(kind, "region=village")
	default:
		kind = append(kind, "region=none")
	}
	if rng.Float64() < 0.4 {
		v.Set("target_group", pick(targetGroups))
		kind = append(kind, "target_group")
	}
	if rng.Float64() < 0.3 {
		v.Set("sex", pick([]string{"L", "P"}))
		kind = append(kind, "sex")
	}
	if rng.Float64() < 0.3 {
		b := ageBands[rng.IntN(len(ageBands))]
		if b[0] > 0 {
			v.Set("age_min", fmt.Sprint(b[0]))
		}
		if b[1] > 0 {
			v.Set("age_max", fmt.Sprint(b[1]))
		}
		kind = append(kind, "age")
	}
	if rng.Float64() < 0.3 {
		v.Set("q", pick(names))
		kind = append(kind, "q")
	}
	page := 1
	if rng.Float64() < 0.5 {
		page = 1 + rng.IntN(maxPage)
	}
	if page > 1 {
		v.Set("page", fmt.Sprint(page))
		kind = append(kind, "page>1")
	}
	switch r := rng.Float64(); {
	case r < 0.1:
		v.Set("sort", "birth_date")
		kind = append(kind, "sort=birth_date")
	case r < 0.2:
		v.Set("sort", "updated")
		kind = append(kind, "sort=updated")
	}
	v.Set("per_page", fmt.Sprint(perPage))
	return query{path: "/api/v1/persons?" + v.Encode(), kind: kind}
}

// run sends the planned requests from conc workers and returns one result each.
func (c *caller) run(plan []query, conc int) []result {
	res := make([]result, len(plan))
	next := make(chan int)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t := time.Now()
				status, _, err := c.get(plan[i].path)
				res[i] = result{kind: plan[i].kind, path: plan[i].path, status: status, err: err,
					ms: float64(time.Since(t).Microseconds()) / 1000}
			}
		}()
	}
	for i := range plan {
		next <- i
	}
	close(next)
	wg.Wait()
	return res
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	k := int(p/100*float64(len(sorted)) + 0.999999)
	return sorted[min(max(k, 1), len(sorted))-1]
}

func stats(ms []float64) (p50, p95, p99, mx float64) {
	s := slices.Clone(ms)
	slices.Sort(s)
	return percentile(s, 50), percentile(s, 95), percentile(s, 99), s[len(s)-1]
}

func report(res []result, wall time.Duration, conc, slowest int) {
	all := make([]float64, len(res))
	bad := 0
	byKind := map[string][]float64{}
	for i, r := range res {
		all[i] = r.ms
		if r.status != http.StatusOK {
			bad++
		}
		for _, k := range r.kind {
			byKind[k] = append(byKind[k], r.ms)
		}
	}
	p50, p95, p99, mx := stats(all)
	fmt.Printf("concurrency %d: count %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, non-200 %d, %.1f req/s\n",
		conc, len(res), p50, p95, p99, mx, bad, float64(len(res))/wall.Seconds())
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Printf("  %-18s %6s %9s %9s %9s\n", "kind", "count", "p50 ms", "p95 ms", "max ms")
	for _, k := range kinds {
		a, b, _, m := stats(byKind[k])
		fmt.Printf("  %-18s %6d %9.1f %9.1f %9.1f\n", k, len(byKind[k]), a, b, m)
	}
	order := make([]int, len(res))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return res[order[a]].ms > res[order[b]].ms })
	if slowest > 0 {
		fmt.Println("  slowest:")
	}
	for _, i := range order[:min(slowest, len(order))] {
		fmt.Printf("    %8.1f ms  %d  %s\n", res[i].ms, res[i].status, res[i].path)
	}
	shown := 0
	for _, r := range res {
		if r.status != http.StatusOK && shown < 5 {
			shown++
			fmt.Printf("  failed: status %d err %v %s\n", r.status, r.err, r.path)
		}
	}
}
