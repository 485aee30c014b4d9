package slack

import (
	"strconv"
	"testing"
	"time"
)

func TestSeenSet(t *testing.T) {
	start := time.Unix(1531420618, 0)
	s := newSeenSet(time.Minute, 3)
	steps := []struct {
		key   string
		after time.Duration
		want  bool
	}{
		{"a", 0, true},
		{"a", 0, false},
		{"b", 10 * time.Second, true},
		{"a", 59 * time.Second, false},
		{"a", 60 * time.Second, true}, // expired, so new again
		{"b", 65 * time.Second, false},
		{"b", 70 * time.Second, true},
	}
	for _, st := range steps {
		if got := s.add(st.key, start.Add(st.after)); got != st.want {
			t.Errorf("add(%q) at +%v = %v; want %v", st.key, st.after, got, st.want)
		}
	}
}

func TestSeenSetIsBounded(t *testing.T) {
	now := time.Unix(1531420618, 0)
	s := newSeenSet(time.Hour, 100)
	for i := range 10000 {
		s.add(strconv.Itoa(i), now)
		if n := s.len(); n > 100 {
			t.Fatalf("after %d keys the set holds %d; want at most 100", i+1, n)
		}
	}
	if s.add("9999", now) {
		t.Errorf("add of a recent key = true; want false")
	}
	if !s.add("0", now) {
		t.Errorf("add of a key forgotten for room = false; want true")
	}
	if len(s.queue) > 100 {
		t.Errorf("queue holds %d entries; want at most 100", len(s.queue))
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  []string
	}{
		{"", 10, nil},
		{"short", 10, []string{"short"}},
		{"One two. Three four five.", 15, []string{"One two.", "Three four", "five."}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a&b&c", 10, []string{"a&b", "&c"}}, // & costs five
		{"para one\n\npara two is here", 20, []string{"para one", "para two is here"}},
	}
	for _, tt := range tests {
		got := split(tt.in, tt.limit, escCost)
		if strconv.Quote(joinAll(got)) != strconv.Quote(joinAll(tt.want)) || len(got) != len(tt.want) {
			t.Errorf("split(%q, %d) = %q; want %q", tt.in, tt.limit, got, tt.want)
		}
		for _, p := range got {
			if w := width(p, escCost); w > tt.limit {
				t.Errorf("split(%q, %d): piece %q is %d wide", tt.in, tt.limit, p, w)
			}
		}
	}
}

func joinAll(s []string) string {
	out := ""
	for _, p := range s {
		out += "|" + p
	}
	return out
}

func TestFitNeverCutsAnEntity(t *testing.T) {
	for limit := 1; limit < 30; limit++ {
		got := fit("a&b<c>d&e & f", limit)
		if w := len([]rune(got)); w > limit {
			t.Errorf("fit(_, %d) = %q, %d long", limit, got, w)
		}
		for _, bad := range []string{"&am…", "&a…", "&l…", "&…", "&g…", "&lt…", "&amp…"} {
			if len(got) >= len(bad) && got[len(got)-len(bad):] == bad {
				t.Errorf("fit(_, %d) = %q cuts an entity", limit, got)
			}
		}
	}
}
