package knowledge_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pariscall/pariscall/knowledge"
)

// searchQuestion is a question only full-text search answers.
const searchQuestion = "geneva convention human rights"

// benchAnswer measures answering q, after checking that it gets intent.
func benchAnswer(b *testing.B, e *knowledge.Engine, q string, intent knowledge.Intent) {
	b.Helper()
	if a := answer(b, e, q); a.Intent != intent || len(a.Citations) == 0 {
		b.Fatalf("Answer(%q) = %q with %d citations; want %q with citations", q, a.Intent, len(a.Citations), intent)
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Answer(q)
	}
}

// BenchmarkAnswerStructured measures a question the fact base answers.
// Target: under 100µs.
func BenchmarkAnswerStructured(b *testing.B) {
	benchAnswer(b, load(b), "principle 8", knowledge.IntentPrinciple)
}

// BenchmarkAnswerSearch measures a question full-text search answers.
// Target: under 100µs.
func BenchmarkAnswerSearch(b *testing.B) {
	benchAnswer(b, load(b), searchQuestion, knowledge.IntentSearch)
}

// BenchmarkLoad measures loading the embedded corpus: extraction, fact
// verification and the index build. Target: under 50ms.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := knowledge.LoadDefault(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnswerSearch10k measures a search answer with 10,000 generated
// documents loaded beside the seeds. Target: under 2ms.
func BenchmarkAnswerSearch10k(b *testing.B) {
	dir := b.TempDir()
	writeGeneratedDocs(b, dir, 10_000)
	e, err := knowledge.Load(knowledge.Options{DocsDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if n := len(e.Sources()); n != 10_002 {
		b.Fatalf("Load(10k docs) has %d sources; want 10002", n)
	}
	benchAnswer(b, e, searchQuestion, knowledge.IntentSearch)
}

// benchWords are the generated documents' vocabulary: common English and
// the corpus's own subject, so queries hit long posting lists.
var benchWords = strings.Fields(`the of and to in a is that for it as was with be by on not he this are or his from at which
	but have an they you were her she there would their we him been has when who will more no if out so said what up its
	about into than them can only other new some could time these two may then do first any my now such like our over
	man me even most made after also did many before must through back years where much your way well down should
	because each just those people how too little state good very make world still own see men work long get here
	between both life being under never day same another know while last might us great old year off come since
	against go came right used take three states himself few house use during without again place american around
	however home small found thought went say part once general high upon school every does got united left number
	course war until always away something fact though water less public put think almost hand enough far took head
	yet government system better set told nothing night end why called didn find look going point knew heard
	security cyber attack attacks network networks data privacy agreement treaty pact countries country companies
	company signed sign rules principles internet infrastructure election elections hacking malware defense policy
	international human rights convention law laws nations europe minister report reports experts expert threat
	threats critical online digital technology industry leaders summit forum declaration support supported
	cooperation norms standards behavior responsible peace trust cyberspace president officials spokesman`)

// writeGeneratedDocs writes n deterministic English-like .txt documents
// into dir.
func writeGeneratedDocs(b *testing.B, dir string, n int) {
	b.Helper()
	r := rand.New(rand.NewPCG(2018, 11))
	var sb strings.Builder
	for i := range n {
		sb.Reset()
		for range 2 + r.IntN(4) { // paragraphs
			for s := range 1 + r.IntN(4) { // sentences
				if s > 0 {
					sb.WriteByte(' ')
				}
				for w := range 6 + r.IntN(13) {
					word := benchWords[r.IntN(len(benchWords))]
					if w == 0 {
						word = strings.ToUpper(word[:1]) + word[1:]
					} else {
						sb.WriteByte(' ')
					}
					sb.WriteString(word)
				}
				sb.WriteByte('.')
			}
			sb.WriteString("\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen%05d.txt", i)), []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
