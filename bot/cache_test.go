package bot_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/pariscall/pariscall/bot"
)

func TestCacheKeepsAndReturns(t *testing.T) {
	c := bot.NewCache[string](1 << 10)
	if _, ok := c.Get("who didn't sign"); ok {
		t.Fatal("empty cache returned a value")
	}
	c.Put("who didn't sign", "the US, Russia, China", 21)
	if v, ok := c.Get("who didn't sign"); !ok || v != "the US, Russia, China" {
		t.Fatalf("Get = %q, %v; want the value put", v, ok)
	}
	c.Put("who didn't sign", "replaced", 8)
	if v, _ := c.Get("who didn't sign"); v != "replaced" || c.Len() != 1 {
		t.Fatalf("after a second Put: %q with %d entries; want the new value alone", v, c.Len())
	}
}

func TestCacheOffWithoutBudget(t *testing.T) {
	for _, budget := range []int{0, -1} {
		c := bot.NewCache[int](budget)
		if c != nil {
			t.Fatalf("NewCache(%d) = %v; want nil", budget, c)
		}
		c.Put("q", 1, 1) // a nil cache takes and keeps nothing
		if _, ok := c.Get("q"); ok || c.Len() != 0 {
			t.Fatalf("nil cache returned a value or holds %d", c.Len())
		}
	}
}

func TestCacheRefusesLongKeysAndHugeValues(t *testing.T) {
	c := bot.NewCache[int](2000)
	long := strings.Repeat("x", bot.MaxCacheKey+1)
	c.Put(long, 1, 1)
	c.Put("huge", 2, 1000) // with its key, more than half the budget
	c.Put(strings.Repeat("y", bot.MaxCacheKey), 3, 1)
	if _, ok := c.Get(long); ok {
		t.Error("a key longer than MaxCacheKey was kept")
	}
	if _, ok := c.Get("huge"); ok {
		t.Error("a value larger than a generation was kept")
	}
	if _, ok := c.Get(strings.Repeat("y", bot.MaxCacheKey)); !ok {
		t.Error("a key of exactly MaxCacheKey bytes was not kept")
	}
}

// TestCacheStaysWithinBudget fills a cache far past its budget: it never
// holds more entries than the budget allows, keeps the newest, and keeps a
// key that is read between the writes.
func TestCacheStaysWithinBudget(t *testing.T) {
	const budget, size = 1000, 90 // with a 4-byte key, 94 bytes an entry
	c := bot.NewCache[int](budget)
	c.Put("hot!", -1, size)
	for i := range 200 {
		c.Put(fmt.Sprintf("q%03d", i), i, size)
		if _, ok := c.Get("hot!"); !ok {
			t.Fatalf("after %d writes the key read after every write was forgotten", i+1)
		}
		if got, most := c.Len(), budget/(size+4); got > most {
			t.Fatalf("after %d writes: %d entries; want at most %d within %d bytes", i+1, got, most, budget)
		}
	}
	if v, ok := c.Get("q199"); !ok || v != 199 {
		t.Errorf("newest entry: %v, %v; want 199, true", v, ok)
	}
	if _, ok := c.Get("q000"); ok {
		t.Error("the oldest entry outlived 200 writes to a cache of ten")
	}
}

func TestCacheConcurrentUse(t *testing.T) {
	c := bot.NewCache[string](4096)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 500 {
				k := fmt.Sprintf("q%d", (w+i)%40)
				if v, ok := c.Get(k); ok && v != "answer to "+k {
					t.Errorf("Get(%q) = %q; want the answer to that key", k, v)
					return
				}
				c.Put(k, "answer to "+k, 32)
			}
		})
	}
	wg.Wait()
	if c.Len() == 0 {
		t.Error("nothing kept after 4000 writes")
	}
}
