package slack

import (
	"sync"
	"time"
)

// seenSet remembers keys, such as event ids, for a while, so a delivery seen
// twice is handled once. It holds at most max keys, forgetting the oldest
// first, so a flood cannot exhaust memory. It is safe for concurrent use.
type seenSet struct {
	ttl time.Duration
	max int

	mu    sync.Mutex
	seen  map[string]time.Time
	queue []seenKey // in the order added, which is also expiry order
}

type seenKey struct {
	key   string
	added time.Time
}

// newSeenSet returns a set remembering each key for ttl, and at most max keys.
func newSeenSet(ttl time.Duration, max int) *seenSet {
	return &seenSet{ttl: ttl, max: max, seen: make(map[string]time.Time)}
}

// add records key at now and reports whether it was new: false means key was
// added less than ttl ago.
func (s *seenSet) add(key string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(now)
	if added, ok := s.seen[key]; ok && now.Sub(added) < s.ttl {
		return false
	}
	s.seen[key] = now
	s.queue = append(s.queue, seenKey{key, now})
	return true
}

// expire forgets keys older than ttl, and the oldest keys beyond max.
func (s *seenSet) expire(now time.Time) {
	drop := 0
	for drop < len(s.queue) {
		k := s.queue[drop]
		if now.Sub(k.added) < s.ttl && len(s.queue)-drop < s.max {
			break
		}
		if s.seen[k.key].Equal(k.added) {
			delete(s.seen, k.key)
		}
		drop++
	}
	// Slicing off the front is amortised: append reallocates with only the
	// live keys once the shrunken capacity runs out.
	s.queue = s.queue[drop:]
}

// len reports how many keys the set holds.
func (s *seenSet) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}
