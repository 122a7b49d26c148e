package ai

import (
	"sync"
	"time"
)

// replyCache keeps validated parse-meal replies so that an identical request of the same
// user (same model, same normalised text, same visible foods) is answered without a model
// call. It is bounded: when full, expired entries go first, then the oldest.
type replyCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]cacheEntry
	order   []string // keys, oldest first
}

type cacheEntry struct {
	items   []values // read-only: shared by every hit
	expires time.Time
}

func newReplyCache(ttl time.Duration, max int) *replyCache {
	return &replyCache{ttl: ttl, max: max, entries: map[string]cacheEntry{}}
}

func (c *replyCache) get(key string) (cacheEntry, bool) {
	if c.ttl <= 0 {
		return cacheEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || time.Now().After(e.expires) {
		return cacheEntry{}, false
	}
	return e, true
}

func (c *replyCache) put(key string, items []values) {
	if c.ttl <= 0 {
		return
	}
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, exists := c.entries[key]; !exists {
		if len(c.entries) >= c.max {
			c.evict(now)
		}
		c.order = append(c.order, key)
	}
	c.entries[key] = cacheEntry{items: items, expires: now.Add(c.ttl)}
}

// evict drops expired entries, or the oldest one when none has expired.
func (c *replyCache) evict(now time.Time) {
	kept := c.order[:0]
	for _, k := range c.order {
		if now.After(c.entries[k].expires) {
			delete(c.entries, k)
		} else {
			kept = append(kept, k)
		}
	}
	c.order = kept
	if len(c.entries) >= c.max && len(c.order) > 0 {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}
