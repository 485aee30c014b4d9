package bot

import (
	"strings"
	"sync"
)

// MaxCacheKey is the longest key a Cache keeps; a longer question is
// answered afresh every time.
const MaxCacheKey = 512

// Cache remembers rendered answers by question, within a budget of bytes.
// The knowledge base does not change while the process runs, so an answer
// rendered once can be sent again as it is: a team asking "who didn't
// sign" twenty times costs one answer and one rendering. It is safe for
// concurrent use. A nil *Cache remembers nothing.
//
// Entries live in two generations. New ones go into the current
// generation; when it would exceed half the budget it becomes the old one
// and the previous old one is forgotten. Reading an entry from the old
// generation moves it to the current one, so questions people keep asking
// stay while one-off questions age out. Together the two never hold more
// than the budget.
type Cache[V any] struct {
	half int // bytes per generation

	mu       sync.Mutex
	cur, old map[string]cacheEntry[V]
	curBytes int
}

type cacheEntry[V any] struct {
	v    V
	size int // the caller's estimate of v, plus the key
}

// NewCache returns a Cache that holds at most budget bytes, as estimated
// by the sizes given to Put, or nil when budget is zero or less.
func NewCache[V any](budget int) *Cache[V] {
	if budget <= 0 {
		return nil
	}
	return &Cache[V]{half: budget / 2, cur: map[string]cacheEntry[V]{}, old: map[string]cacheEntry[V]{}}
}

// Get returns the value kept for key, if any.
func (c *Cache[V]) Get(key string) (V, bool) {
	var zero V
	if c == nil || len(key) > MaxCacheKey {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.cur[key]; ok {
		return e.v, true
	}
	if e, ok := c.old[key]; ok {
		delete(c.old, key)
		c.put(key, e)
		return e.v, true
	}
	return zero, false
}

// Put keeps v, whose size in bytes is about size, under key. Keys longer
// than MaxCacheKey and values too large for a generation are not kept.
// The key is copied, so it may point into a larger buffer.
func (c *Cache[V]) Put(key string, v V, size int) {
	if c == nil || len(key) > MaxCacheKey || size+len(key) > c.half {
		return
	}
	key = strings.Clone(key)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.put(key, cacheEntry[V]{v: v, size: size + len(key)})
}

// put stores e, starting a new generation first if e would not fit in
// the current one. c.mu must be held.
func (c *Cache[V]) put(key string, e cacheEntry[V]) {
	if prev, ok := c.cur[key]; ok {
		c.curBytes -= prev.size
		delete(c.cur, key)
	}
	if c.curBytes+e.size > c.half {
		c.old, c.cur, c.curBytes = c.cur, map[string]cacheEntry[V]{}, 0
	}
	c.cur[key] = e
	c.curBytes += e.size
}

// Len reports how many entries the cache holds.
func (c *Cache[V]) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur) + len(c.old)
}
