package registry

import "testing"

func TestNameKeyFoldsVariants(t *testing.T) {
	same := [][]string{
		{"Muhammad Rizki", "Muhamad Rizki", "Mochammad Rizki", "MOHAMMAD  rizki", "M. Rizki", "Moch. Rizki"},
		{"Siti Aminah", "Sitti Aminah", "siti aminnah"},
		{"Soekarno", "Sukarno"},
		{"Nur Hidayah", "Noor Hidayah"},
		{"Achmad Djunaedi", "Ahmad Junaedi"},
	}
	for _, group := range same {
		want := NameKey(group[0])
		for _, n := range group[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, want %q (as %q)", n, got, want, group[0])
			}
		}
	}
	if NameKey("Siti Aminah") == NameKey("Siti Amalia") {
		t.Error("different names fold to one key")
	}
}
