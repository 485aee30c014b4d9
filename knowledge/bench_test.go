package knowledge_test

import (
	"testing"

	"github.com/pariscall/pariscall/knowledge"
	"github.com/pariscall/pariscall/knowledge/knowledgetest"
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
	if err := knowledgetest.WriteDocs(dir, 10_000); err != nil {
		b.Fatal(err)
	}
	e, err := knowledge.Load(knowledge.Options{DocsDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if n := len(e.Sources()); n != 10_002 {
		b.Fatalf("Load(10k docs) has %d sources; want 10002", n)
	}
	benchAnswer(b, e, searchQuestion, knowledge.IntentSearch)
}
