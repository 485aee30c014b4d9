package knowledge_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/knowledge"
)

// writeDocs writes files into a new temporary directory and returns it.
func writeDocs(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const frontMatterDoc = `---
title: Quokka Protocol Briefing
outlet: Internal Wiki
author: A. Analyst
date: 2019-03-14
url: https://wiki.example/quokka
---
# A heading that is not the title

The quokka protocol asks member states to report incidents within a day.

- Bullets are paragraphs of their own, like the seeds' lists.
`

// TestDocsDir checks that .md and .txt files in DocsDir are indexed and
// cited like the seeds, with their front matter as metadata, and that other
// files are ignored.
func TestDocsDir(t *testing.T) {
	dir := writeDocs(t, map[string]string{
		"Notes.md":        frontMatterDoc,
		"plain.txt":       "The wombat accord was never signed.\r\nIt is a made-up example.\r\n",
		"titled.md":       "# Platypus Memo\n\nThe platypus clause covers undersea cables.\n",
		"image.png":       "\x89PNG\r\n\x1a\n\x00\xff not text",
		"sub/nested.md":   "The numbat burrow lives in a subdirectory and is not loaded.",
		"README.markdown": "The bilby burrow has an extension that is not loaded.",
	})
	e, err := knowledge.Load(knowledge.Options{DocsDir: dir})
	if err != nil {
		t.Fatalf("Load(DocsDir) error: %v", err)
	}
	srcs := e.Sources()
	var ids []string
	for _, s := range srcs {
		ids = append(ids, s.ID)
	}
	if want := "campus-security sc-media doc:notes doc:plain doc:titled"; strings.Join(ids, " ") != want {
		t.Errorf("Sources() ids = %q; want %q", ids, want)
	}
	tests := []struct {
		q                                        string
		id, title, outlet, published, url, quote string
	}{
		{"quokka protocol", "doc:notes", "Quokka Protocol Briefing", "Internal Wiki", "March 2019", "https://wiki.example/quokka",
			"The quokka protocol asks member states to report incidents within a day."},
		{"wombat accord", "doc:plain", "plain.txt", "your documents", "", "", "The wombat accord was never signed."},
		{"platypus clause", "doc:titled", "Platypus Memo", "your documents", "", "", "The platypus clause covers undersea cables."},
	}
	for _, tt := range tests {
		a := answer(t, e, tt.q)
		if a.Intent != knowledge.IntentSearch || len(a.Citations) == 0 {
			t.Errorf("Answer(%q) = %q with %d citations; want a search answer citing %s", tt.q, a.Intent, len(a.Citations), tt.id)
			continue
		}
		c := a.Citations[0]
		if c.SourceID != tt.id || c.Title != tt.title || c.Outlet != tt.outlet || c.Published != tt.published ||
			c.URL != tt.url || c.Quote != tt.quote {
			t.Errorf("Answer(%q).Citations[0] = %+v; want source %q, title %q, outlet %q, published %q, url %q, quote %q",
				tt.q, c, tt.id, tt.title, tt.outlet, tt.published, tt.url, tt.quote)
		}
	}
	for _, q := range []string{"numbat burrow", "bilby burrow", "PNG"} {
		if a := answer(t, e, q); len(a.Citations) > 0 {
			t.Errorf("Answer(%q) cites %+v; want nothing from ignored files", q, a.Citations)
		}
	}
	notes := srcs[2]
	if notes.Author != "A. Analyst" || len(notes.Paragraphs) != 3 || !notes.Paragraphs[2].Item {
		t.Errorf("doc:notes = %+v; want author A. Analyst and 3 paragraphs, the last an item", notes)
	}
	// The fact base still answers alongside the documents.
	if a := answer(t, e, "principle 8"); a.Intent != knowledge.IntentPrinciple {
		t.Errorf("Answer(%q).Intent = %q with documents; want %q", "principle 8", a.Intent, knowledge.IntentPrinciple)
	}
}

// TestDocsDirErrors checks that a bad document fails loading with an error
// that names it.
func TestDocsDirErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"bad front matter", map[string]string{"bad.md": "---\ntitle: [unclosed\n---\nbody\n"}, []string{"bad.md", "front matter"}},
		{"unknown front-matter field", map[string]string{"bad.md": "---\ntitel: x\n---\nbody\n"}, []string{"bad.md", "titel"}},
		{"unclosed front matter", map[string]string{"open.md": "---\ntitle: x\nbody\n"}, []string{"open.md", "no closing ---"}},
		{"bad date", map[string]string{"date.md": "---\ndate: last week\n---\nbody\n"}, []string{"date.md", "last week"}},
		{"not UTF-8", map[string]string{"latin1.txt": "caf\xe9\n"}, []string{"latin1.txt", "UTF-8"}},
		{"no text", map[string]string{"empty.txt": "\n\n"}, []string{"empty.txt", "no text"}},
		{"oversized", map[string]string{"big.txt": strings.Repeat("word ", 1<<20)}, []string{"big.txt", "more than"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := knowledge.Load(knowledge.Options{DocsDir: writeDocs(t, tt.files)})
			if err == nil {
				t.Fatalf("Load(%s) succeeded; want an error", tt.name)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load(%s) error = %q; want it to mention %q", tt.name, err, w)
				}
			}
		})
	}
	if _, err := knowledge.Load(knowledge.Options{DocsDir: filepath.Join(t.TempDir(), "missing")}); err == nil {
		t.Error("Load(missing DocsDir) succeeded; want an error")
	}
}

// TestDocsDirFrontMatter checks front-matter edge cases that must load.
func TestDocsDirFrontMatter(t *testing.T) {
	tests := []struct {
		name, body, title string
	}{
		{"empty block", "---\n---\nThe zebu paragraph.\n", "doc.md"},
		{"blank block", "---\n\n---\nThe zebu paragraph.\n", "doc.md"},
		{"comment only", "---\n# nothing here\n---\nThe zebu paragraph.\n", "doc.md"},
		{"CRLF line ends", "---\r\ntitle: Zebu Notes\r\n---\r\nThe zebu paragraph.\r\n", "Zebu Notes"},
		{"rule inside the body", "The zebu paragraph.\n\n---\n\nMore text.\n", "doc.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := knowledge.Load(knowledge.Options{DocsDir: writeDocs(t, map[string]string{"doc.md": tt.body})})
			if err != nil {
				t.Fatalf("Load(%s) error: %v", tt.name, err)
			}
			a := answer(t, e, "zebu paragraph")
			if len(a.Citations) == 0 || a.Citations[0].SourceID != "doc:doc" || a.Citations[0].Title != tt.title ||
				a.Citations[0].Quote != "The zebu paragraph." {
				t.Errorf("Answer(%q) with %s = %+v; want a citation of doc:doc titled %q", "zebu paragraph", tt.name, a.Citations, tt.title)
			}
		})
	}
}

// TestDocsDirSymlinkedBigFile checks that the size limit holds for a link
// to a large file, not just for the link itself.
func TestDocsDirSymlinkedBigFile(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("word ", 1<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(big, filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	_, err := knowledge.Load(knowledge.Options{DocsDir: dir})
	if err == nil || !strings.Contains(err.Error(), "link.txt") || !strings.Contains(err.Error(), "more than") {
		t.Errorf("Load(link to a 5 MB file) error = %v; want one naming link.txt and the limit", err)
	}
}

// TestDocsDirSymlinkedDirectory checks that a link to a directory named
// like a document is skipped, as directories are.
func TestDocsDirSymlinkedDirectory(t *testing.T) {
	dir := writeDocs(t, map[string]string{"real.md": "The zebu paragraph.\n"})
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "folder.md")); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	e, err := knowledge.Load(knowledge.Options{DocsDir: dir})
	if err != nil {
		t.Fatalf("Load(link to a directory) error: %v", err)
	}
	if n := len(e.Sources()); n != 3 {
		t.Errorf("Load(link to a directory) has %d sources; want 3", n)
	}
}

// TestSearchFloorAmongManyPartialMatches checks that a sentence matching
// most of the question is found even when many sentences that match one
// rare word outscore it.
func TestSearchFloorAmongManyPartialMatches(t *testing.T) {
	files := map[string]string{
		"target.txt": "The aardvark and the bandicoot appear together in this rather long sentence about many other things entirely, " +
			"which goes on for quite a while before it finally ends here.\n",
	}
	for i := range 20 {
		files[fmt.Sprintf("gamma%02d.txt", i)] = "Chinchilla chinchilla chinchilla.\n"
	}
	for i := range 60 {
		files[fmt.Sprintf("filler%02d.txt", i)] = "An aardvark was seen.\n\nA bandicoot was seen.\n"
	}
	e, err := knowledge.Load(knowledge.Options{DocsDir: writeDocs(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	a := answer(t, e, "aardvark bandicoot chinchilla")
	if len(a.Citations) == 0 || a.Citations[0].SourceID != "doc:target" {
		t.Errorf("Answer(%q) cites %+v; want doc:target first", "aardvark bandicoot chinchilla", a.Citations)
	}
}
