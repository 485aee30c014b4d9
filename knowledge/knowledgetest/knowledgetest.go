// Package knowledgetest generates test corpora for the knowledge engine's
// benchmarks and the load test.
package knowledgetest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// words is the generated documents' vocabulary: common English and the
// corpus's own subject, so searches hit long posting lists.
func words() []string {
	return strings.Fields(`the of and to in a is that for it as was with be by on not he this are or his from at
	which but have an they you were her she there would their we him been has when who will more no if out so said
	what up its about into than them can only other new some could time these two may then do first any my now such
	like our over man me even most made after also did many before must through back years where much your way well
	down should because each just those people how too little state good very make world still own see men work long
	get here between both life being under never day same another know while last might us great old year off come
	since against go came right used take three states himself few house use during without again place american
	around however home small found thought went say part once general high upon school every does got united left
	number course war until always away something fact though water less public put think almost hand enough far took
	head yet government system better set told nothing night end why called find look going point knew heard security
	cyber attack attacks network networks data privacy agreement treaty pact countries country companies company
	signed sign rules principles internet infrastructure election elections hacking malware defense policy
	international human rights convention law laws nations europe minister report reports experts expert threat
	threats critical online digital technology industry leaders summit forum declaration support supported
	cooperation norms standards behavior responsible peace trust cyberspace president officials spokesman geneva`)
}

// WriteDocs writes n deterministic English-like documents into dir, which
// it creates: the same n always gives the same bytes. Every fourth is
// Markdown with front matter, the others plain text.
func WriteDocs(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	vocabulary := words()
	r := rand.New(rand.NewPCG(2018, 11))
	sentence := func(sb *strings.Builder) {
		for w := range 6 + r.IntN(13) {
			word := vocabulary[r.IntN(len(vocabulary))]
			if w == 0 {
				word = strings.ToUpper(word[:1]) + word[1:]
			} else {
				sb.WriteByte(' ')
			}
			sb.WriteString(word)
		}
		sb.WriteByte('.')
	}
	var sb strings.Builder
	for i := range n {
		sb.Reset()
		name := fmt.Sprintf("gen%05d.txt", i)
		if i%4 == 0 {
			name = fmt.Sprintf("gen%05d.md", i)
			fmt.Fprintf(&sb, "---\ntitle: Generated report %d\noutlet: Generator weekly\ndate: 2019-%02d\n---\n", i, 1+i%12)
		}
		for p := range 2 + r.IntN(4) {
			if p > 0 {
				sb.WriteString("\n\n")
			}
			for s := range 1 + r.IntN(4) {
				if s > 0 {
					sb.WriteByte(' ')
				}
				sentence(&sb)
			}
		}
		sb.WriteByte('\n')
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
