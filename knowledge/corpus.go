package knowledge

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// seeds holds the default corpus: raw captures, unchanged, each with a
// .meta.yaml file that says where its article body is.
//
//go:embed corpus/*.txt corpus/*.meta.yaml
var seeds embed.FS

// maxDocumentBytes bounds one user document, so a stray large file in the
// docs directory cannot exhaust memory.
const maxDocumentBytes = 4 << 20

// loadSeeds reads every embedded seed with its metadata.
func loadSeeds(fsys fs.FS) ([]*Source, error) {
	names, err := fs.Glob(fsys, "corpus/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list corpus: %w", err)
	}
	sort.Strings(names)
	var out []*Source
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		metaName := strings.TrimSuffix(name, ".txt") + ".meta.yaml"
		m, err := fs.ReadFile(fsys, metaName)
		if err != nil {
			return nil, fmt.Errorf("read metadata for %s: %w", name, err)
		}
		src, err := parseSeed(path.Base(name), raw, m)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

// loadDocs reads every .md and .txt file directly inside dir as a source.
// Its id is the file name without extension, lower-cased, prefixed "doc:"
// so it can never collide with a seed.
func loadDocs(dir string) ([]*Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("load documents from %q: %w", dir, err)
	}
	var out []*Source
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".md" && ext != ".txt") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		raw, isDir, err := readDocument(p)
		if err != nil {
			return nil, fmt.Errorf("load document %q: %w", p, err)
		}
		if isDir {
			continue
		}
		id := "doc:" + strings.ToLower(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())))
		src, err := parseDocument(id, e.Name(), raw)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

// readDocument reads a user document of at most maxDocumentBytes. It
// checks the size of what it opened, not of the directory entry, so a
// symbolic link to a large file is refused too. It reports a link to a
// directory, which the caller skips.
func readDocument(path string) (raw []byte, isDir bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	if info.IsDir() {
		return nil, true, nil
	}
	raw, err = io.ReadAll(io.LimitReader(f, maxDocumentBytes+1))
	if err != nil {
		return nil, false, err
	}
	if n := max(info.Size(), int64(len(raw))); n > maxDocumentBytes {
		return nil, false, fmt.Errorf("%d bytes, more than the %d allowed", n, maxDocumentBytes)
	}
	return raw, false, nil
}
