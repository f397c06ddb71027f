/*
 * The counters' tables: an index from a 64-bit key to an entry number (open addressing), and
 * a port of src/pcap/analyze/top-counter.ts (TopCounter: packets and bytes per key, the
 * strongest half kept past TOP_CAPACITY keys). Header-only, so the scan's loop inlines them.
 */
#ifndef LINKGUARD_PCAPSCAN_TABLES_H
#define LINKGUARD_PCAPSCAN_TABLES_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TOP_CAPACITY 100000 /* TopCounter's default capacity */
#define NONE UINT32_MAX

/* ---------- an index: uint64 key -> entry number, open addressing ---------- */

typedef struct {
  uint64_t *keys;
  uint32_t *vals; /* entry + 1; 0 is empty */
  uint32_t cap;   /* a power of two */
  uint32_t size;
} index_t;

static inline uint32_t slot_of(uint64_t key, uint32_t cap) {
  return (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (cap - 1);
}

static inline int index_init(index_t *x, uint32_t cap) {
  x->keys = calloc(cap, sizeof *x->keys);
  x->vals = calloc(cap, sizeof *x->vals);
  x->cap = cap;
  x->size = 0;
  return x->keys != NULL && x->vals != NULL;
}

static inline void index_free(index_t *x) {
  free(x->keys);
  free(x->vals);
}

static inline uint32_t index_get(const index_t *x, uint64_t key) {
  for (uint32_t i = slot_of(key, x->cap);; i = (i + 1) & (x->cap - 1)) {
    if (x->vals[i] == 0) return NONE;
    if (x->keys[i] == key) return x->vals[i] - 1;
  }
}

static inline int index_put(index_t *x, uint64_t key, uint32_t entry);

static inline int index_grow(index_t *x) {
  index_t bigger;
  if (!index_init(&bigger, x->cap * 2)) return 0;
  for (uint32_t i = 0; i < x->cap; i++)
    if (x->vals[i] != 0) index_put(&bigger, x->keys[i], x->vals[i] - 1);
  index_free(x);
  *x = bigger;
  return 1;
}

static inline int index_put(index_t *x, uint64_t key, uint32_t entry) {
  if ((x->size + 1) * 2 > x->cap && !index_grow(x)) return 0;
  uint32_t i = slot_of(key, x->cap);
  while (x->vals[i] != 0) i = (i + 1) & (x->cap - 1);
  x->keys[i] = key;
  x->vals[i] = entry + 1;
  x->size++;
  return 1;
}

static inline void index_clear(index_t *x) {
  memset(x->vals, 0, x->cap * sizeof *x->vals);
  x->size = 0;
}

/* ---------- TopCounter ---------- */

typedef struct {
  uint64_t key;
  double packets, bytes;
  uint8_t addr[16]; /* IPv6: the first address counted under this key (its label) */
} counted_t;

typedef struct {
  counted_t *entries;
  uint32_t size, room;
  index_t index;
  uint32_t last; /* the entry counted last, or NONE */
  int approximate;
} counter_t;

static inline int counter_init(counter_t *c) {
  c->size = 0;
  c->room = 1024;
  c->entries = malloc(c->room * sizeof *c->entries);
  c->last = NONE;
  c->approximate = 0;
  return c->entries != NULL && index_init(&c->index, 2048);
}

static inline void counter_free(counter_t *c) {
  free(c->entries);
  index_free(&c->index);
}

/* top-counter.ts top(): packets, then bytes, descending; then key ascending. */
static inline int by_rank(const void *pa, const void *pb) {
  const counted_t *a = pa, *b = pb;
  if (a->packets != b->packets) return a->packets > b->packets ? -1 : 1;
  if (a->bytes != b->bytes) return a->bytes > b->bytes ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key;
}

/* TopCounter.prune: keep the strongest half, counts become a lower bound. */
static inline void counter_prune(counter_t *c) {
  qsort(c->entries, c->size, sizeof *c->entries, by_rank);
  c->size = TOP_CAPACITY >> 1;
  index_clear(&c->index);
  for (uint32_t i = 0; i < c->size; i++) index_put(&c->index, c->entries[i].key, i);
  c->last = NONE;
  c->approximate = 1;
}

/* TopCounter.add; `addr` (16 bytes or NULL) is kept for a new key. 0 when out of memory. */
static inline int counter_add(counter_t *c, uint64_t key, double bytes, const uint8_t *addr) {
  if (c->last != NONE && c->entries[c->last].key == key) {
    c->entries[c->last].packets++;
    c->entries[c->last].bytes += bytes;
    return 1;
  }
  uint32_t at = index_get(&c->index, key);
  if (at != NONE) {
    c->entries[at].packets++;
    c->entries[at].bytes += bytes;
    c->last = at;
    return 1;
  }
  if (c->size == c->room) {
    counted_t *more = realloc(c->entries, (size_t)c->room * 2 * sizeof *more);
    if (more == NULL) return 0;
    c->entries = more;
    c->room *= 2;
  }
  counted_t *e = &c->entries[c->size];
  e->key = key;
  e->packets = 1;
  e->bytes = bytes;
  if (addr != NULL) memcpy(e->addr, addr, 16);
  if (!index_put(&c->index, key, c->size)) return 0;
  c->last = c->size++;
  if (c->size > TOP_CAPACITY) counter_prune(c);
  return 1;
}

#endif
