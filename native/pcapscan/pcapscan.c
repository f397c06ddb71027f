/*
 * linkguard's native pcap scan: the per-frame hot path of `pcap summary` (and `pcap storms`)
 * over classic pcap records in a chunk of bytes that JavaScript read. It is a port, line for
 * line, of the JavaScript that does the same (the reports must come out identical, which
 * test/pcap-native.test.ts checks):
 *   - record framing            src/pcap/classic.ts (ClassicPcap.scan)
 *   - the plain IP frame        src/pcap/decode/plain-ip.ts (decodePlainIp)
 *   - traffic counts            src/pcap/analyze/traffic-state.ts (countPlainFrame)
 *   - top talkers               src/pcap/analyze/top-counter.ts (TopCounter)
 *   - storms: seconds, sketch   src/pcap/analyze/storms.ts, frame-sketch.ts
 * Frames that are not plain IP over Ethernet are not decoded here: the scan counts them in the
 * storm sketch (which needs every frame in file order), then stops and hands the record to the
 * JavaScript decoders, which count its traffic and give back the link fields of its storm
 * sample when one was taken. Nothing here reads files or keeps a pointer into a chunk.
 *
 *   create(traffic, storms, minPps, le, nano, linkType, maxRecord, out: Float64Array) -> handle
 *   scan(handle, chunk: Uint8Array, start) -> end       out[0]: frame index in and out,
 *        out[1]: offset of a whole record left to JavaScript (-1: none), out[2]: 1 when its
 *        storm sample wants the link fields (give them to link())
 *   link(handle, src, dst, ethertype)                   -1 for a field the frame has not
 *   traffic(handle) -> { ... }   storms(handle, closeAsRegion) -> { ... }
 */
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_HEADER 16
#define TOP_CAPACITY 100000  /* TopCounter's default capacity */
#define MAX_SECONDS 1000000  /* traffic-state.ts MAX_SECONDS, storms.ts's bound */
#define K 8                  /* frame-sketch.ts K */
#define SAMPLE_AT 2
#define HASHED_BYTES 64
#define SAMPLE_BYTES 64
#define NONE UINT32_MAX
#define TEMP (UINT32_MAX - 1)

/* ---------- bytes ---------- */

static inline uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint32_t be16(const uint8_t *p) { return ((uint32_t)p[0] << 8) | p[1]; }
static inline uint32_t le32(const uint8_t *p) {
  return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}

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

static int index_init(index_t *x, uint32_t cap) {
  x->keys = calloc(cap, sizeof *x->keys);
  x->vals = calloc(cap, sizeof *x->vals);
  x->cap = cap;
  x->size = 0;
  return x->keys != NULL && x->vals != NULL;
}

static void index_free(index_t *x) {
  free(x->keys);
  free(x->vals);
}

static uint32_t index_get(const index_t *x, uint64_t key) {
  for (uint32_t i = slot_of(key, x->cap);; i = (i + 1) & (x->cap - 1)) {
    if (x->vals[i] == 0) return NONE;
    if (x->keys[i] == key) return x->vals[i] - 1;
  }
}

static int index_put(index_t *x, uint64_t key, uint32_t entry);

static int index_grow(index_t *x) {
  index_t bigger;
  if (!index_init(&bigger, x->cap * 2)) return 0;
  for (uint32_t i = 0; i < x->cap; i++)
    if (x->vals[i] != 0) index_put(&bigger, x->keys[i], x->vals[i] - 1);
  index_free(x);
  *x = bigger;
  return 1;
}

static int index_put(index_t *x, uint64_t key, uint32_t entry) {
  if ((x->size + 1) * 2 > x->cap && !index_grow(x)) return 0;
  uint32_t i = slot_of(key, x->cap);
  while (x->vals[i] != 0) i = (i + 1) & (x->cap - 1);
  x->keys[i] = key;
  x->vals[i] = entry + 1;
  x->size++;
  return 1;
}

static void index_clear(index_t *x) {
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

static int counter_init(counter_t *c) {
  c->size = 0;
  c->room = 1024;
  c->entries = malloc(c->room * sizeof *c->entries);
  c->last = NONE;
  c->approximate = 0;
  return c->entries != NULL && index_init(&c->index, 2048);
}

static void counter_free(counter_t *c) {
  free(c->entries);
  index_free(&c->index);
}

/* top-counter.ts top(): packets, then bytes, descending; then key ascending. */
static int by_rank(const void *pa, const void *pb) {
  const counted_t *a = pa, *b = pb;
  if (a->packets != b->packets) return a->packets > b->packets ? -1 : 1;
  if (a->bytes != b->bytes) return a->bytes > b->bytes ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key;
}

/* TopCounter.prune: keep the strongest half, counts become a lower bound. */
static void counter_prune(counter_t *c) {
  qsort(c->entries, c->size, sizeof *c->entries, by_rank);
  c->size = TOP_CAPACITY >> 1;
  index_clear(&c->index);
  for (uint32_t i = 0; i < c->size; i++) index_put(&c->index, c->entries[i].key, i);
  c->last = NONE;
  c->approximate = 1;
}

/* TopCounter.add; `addr` (16 bytes or NULL) is kept for a new key. 0 when out of memory. */
static int counter_add(counter_t *c, uint64_t key, double bytes, const uint8_t *addr) {
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

/* ---------- seconds (traffic) ---------- */

typedef struct {
  double t, packets, bytes;
} second_t;

/* ---------- storms: the sketch and its seconds ---------- */

typedef struct {
  uint8_t bytes[SAMPLE_BYTES];
  uint32_t blen;
  double length, src, dst, ethertype, frame; /* src, dst, ethertype: -1 when undefined */
} sample_t;

typedef struct {
  double key, count, gapSum, gaps;
  int has_sample;
  sample_t sample;
} candidate_t;

typedef struct {
  double keys[K], counts[K], lastTs[K], gapSum[K], gaps[K];
  int has_sample[K];
  sample_t samples[K];
  int last;
} sketch_t;

typedef struct {
  double t, packets, bytes;
  int32_t top; /* first of its candidates in the candidate list; -1: not kept */
  int32_t ntop;
} storm_second_t;

/* ---------- the scan state ---------- */

typedef struct {
  int traffic, storms;
  double minPps;
  int le;
  double divisor;
  uint32_t linkType, maxRecord;
  napi_ref out_ref;
  double lastTs; /* of every frame scanned */
  /* traffic */
  double packets, bytes, originalBytes, snapped, firstTs, tLastTs;
  second_t *seconds;
  uint32_t nseconds, rseconds;
  index_t secondIndex;
  second_t temp; /* a second past MAX_SECONDS: counted, not kept (as in JavaScript) */
  uint32_t current;
  int truncated;
  double ipv4Frames, ipv6Frames, vlanTagged;
  double vlans[4096];
  double ipProtocols[256];
  counter_t macs, ipv4, ipv6;
  /* storms */
  storm_second_t *sseconds;
  uint32_t nsseconds, rsseconds;
  index_t ssecondIndex;
  storm_second_t stemp;
  uint32_t scurrent, sfirst;
  candidate_t *cands;
  uint32_t ncands, rcands;
  sketch_t sketch;
  int pending; /* the sample slot waiting for its link fields, or -1 */
  int oom;
} scan_t;

/* frame-sketch.ts frameHash */
static uint64_t frame_hash(const uint8_t *f, uint32_t n) {
  uint32_t h1 = n * 0x9e3779b1u;
  uint32_t h2 = n ^ 0x85ebca6bu;
  uint32_t m = n < HASHED_BYTES ? n : HASHED_BYTES;
  uint32_t words = m & ~3u;
  for (uint32_t i = 0; i < words; i += 4) {
    uint32_t w = be32(f + i);
    h1 = (h1 ^ w) * 0x01000193u;
    h1 ^= h1 >> 15;
    h2 = (h2 ^ w) * 0x5bd1e995u;
    h2 ^= h2 >> 13;
  }
  for (uint32_t i = words; i < m; i++) {
    h1 = (h1 ^ f[i]) * 0x01000193u;
    h2 = (h2 ^ f[i]) * 0x5bd1e995u;
  }
  return (uint64_t)h1 * 2097152u + (h2 >> 11);
}

/* traffic-state.ts ipv6Key */
static uint64_t ipv6_key(const uint8_t *a) {
  uint32_t h1 = 0x811c9dc5u, h2 = 0x9747b28cu;
  for (int i = 0; i < 16; i++) {
    h1 = (h1 ^ a[i]) * 16777619u;
    h2 = (h2 ^ a[i]) * 0x5bd1e995u;
  }
  return (uint64_t)h1 * 2097152u + (h2 >> 11);
}

/* decode/plain-ip.ts decodePlainIp */
typedef struct {
  double dst, src;
  int vid;
  uint32_t ethertype, protocol, ipv4Src;
  int ipv6Src;
} plain_t;

static int is_tag(uint32_t t) { return t == 0x8100 || t == 0x88a8 || t == 0x9100; }

static int plain_ip(const uint8_t *f, uint32_t n, plain_t *out) {
  if (n < 34) return 0;
  uint32_t at = 12, type = be16(f + 12);
  int vid = -1;
  if (is_tag(type)) {
    if (n < 38) return 0;
    vid = (int)(be16(f + 14) & 0x0fff);
    type = be16(f + 16);
    if (is_tag(type)) return 0;
    at = 16;
  }
  at += 2;
  uint32_t available = n - at;
  if (type == 0x0800) {
    uint32_t vihl = f[at], headerLength = (vihl & 0x0f) * 4;
    if (vihl >> 4 != 4 || headerLength < 20 || headerLength > available) return 0;
    uint32_t totalLength = be16(f + at + 2);
    if (totalLength < headerLength || totalLength > available) return 0;
    uint32_t protocol = f[at + 9];
    int fragment = (be16(f + at + 6) & 0x3fff) != 0;
    if (protocol == 1 && !fragment) return 0;
    out->protocol = protocol;
    out->ipv4Src = be32(f + at + 12);
    out->ipv6Src = -1;
  } else if (type == 0x86dd) {
    if (available < 40 || f[at] >> 4 != 6) return 0;
    if (be16(f + at + 4) > available - 40) return 0;
    uint32_t next = f[at + 6];
    if (next == 0 || next == 43 || next == 44 || next == 51 || next == 60 || next == 58) return 0;
    out->protocol = next;
    out->ipv4Src = 0;
    out->ipv6Src = (int)(at + 8);
  } else {
    return 0;
  }
  out->dst = (double)be16(f) * 4294967296.0 + (double)be32(f + 2);
  out->src = (double)be16(f + 6) * 4294967296.0 + (double)be32(f + 8);
  out->vid = vid;
  out->ethertype = type;
  return 1;
}

/* traffic-state.ts secondOf (current: the second the previous frame fell in) */
static second_t *second_of(scan_t *s, double ts) {
  double t = floor(ts);
  second_t *cur = s->current == TEMP ? &s->temp : s->current == NONE ? NULL : &s->seconds[s->current];
  if (cur != NULL && cur->t == t) return cur;
  uint32_t known = index_get(&s->secondIndex, (uint64_t)(int64_t)t);
  if (known != NONE && s->seconds[known].t == t) {
    s->current = known;
    return &s->seconds[known];
  }
  if (s->nseconds < MAX_SECONDS) {
    if (s->nseconds == s->rseconds) {
      uint32_t room = s->rseconds == 0 ? 1024 : s->rseconds * 2;
      second_t *more = realloc(s->seconds, (size_t)room * sizeof *more);
      if (more == NULL) {
        s->oom = 1;
        return &s->temp;
      }
      s->seconds = more;
      s->rseconds = room;
    }
    second_t *e = &s->seconds[s->nseconds];
    e->t = t;
    e->packets = 0;
    e->bytes = 0;
    if (!index_put(&s->secondIndex, (uint64_t)(int64_t)t, s->nseconds)) s->oom = 1;
    s->current = s->nseconds++;
    return e;
  }
  s->truncated = 1;
  s->temp.t = t;
  s->temp.packets = 0;
  s->temp.bytes = 0;
  s->current = TEMP;
  return &s->temp;
}

/* traffic-state.ts countPlainFrame */
static void count_traffic(scan_t *s, const uint8_t *f, double size, double original, double ts,
                          const plain_t *ip) {
  s->packets++;
  s->bytes += size;
  s->originalBytes += original;
  if (size < original) s->snapped++;
  if (ts < s->firstTs) s->firstTs = ts;
  if (ts > s->tLastTs) s->tLastTs = ts;
  second_t *second = second_of(s, ts);
  second->packets++;
  second->bytes += size;
  if (ip->ethertype == 0x0800) s->ipv4Frames++;
  else s->ipv6Frames++;
  s->ipProtocols[ip->protocol]++;
  if (ip->vid >= 0) {
    s->vlanTagged++;
    s->vlans[ip->vid]++;
  }
  int ok = counter_add(&s->macs, (uint64_t)ip->src, size, NULL);
  if (ip->ipv6Src < 0) ok &= counter_add(&s->ipv4, ip->ipv4Src, size, NULL);
  else ok &= counter_add(&s->ipv6, ipv6_key(f + ip->ipv6Src), size, f + ip->ipv6Src);
  if (!ok) s->oom = 1;
}

/* ---------- storms.ts count/close, frame-sketch.ts FrameSketch ---------- */

static storm_second_t *ssecond(scan_t *s, uint32_t at) {
  return at == TEMP ? &s->stemp : &s->sseconds[at];
}

/* FrameSketch.top(2) into the candidate list; returns how many (stable: ties by slot). */
static void sketch_top(scan_t *s, storm_second_t *sec) {
  int chosen[2] = {-1, -1};
  for (int pick = 0; pick < 2; pick++) {
    for (int i = 0; i < K; i++) {
      if (s->sketch.counts[i] == 0 || i == chosen[0]) continue;
      if (chosen[pick] < 0 || s->sketch.counts[i] > s->sketch.counts[chosen[pick]]) chosen[pick] = i;
    }
  }
  if (s->ncands + 2 > s->rcands) {
    uint32_t room = s->rcands == 0 ? 64 : s->rcands * 2;
    candidate_t *more = realloc(s->cands, (size_t)room * sizeof *more);
    if (more == NULL) {
      s->oom = 1;
      return;
    }
    s->cands = more;
    s->rcands = room;
  }
  sec->top = (int32_t)s->ncands;
  sec->ntop = 0;
  for (int pick = 0; pick < 2; pick++) {
    int i = chosen[pick];
    if (i < 0) break;
    candidate_t *c = &s->cands[s->ncands++];
    c->key = s->sketch.keys[i];
    c->count = s->sketch.counts[i];
    c->gapSum = s->sketch.gapSum[i];
    c->gaps = s->sketch.gaps[i];
    c->has_sample = s->sketch.has_sample[i];
    if (c->has_sample) c->sample = s->sketch.samples[i];
    sec->ntop++;
  }
}

static void sketch_reset(sketch_t *k) {
  memset(k->counts, 0, sizeof k->counts);
  memset(k->has_sample, 0, sizeof k->has_sample);
  k->last = 0;
}

static void storm_close(scan_t *s, storm_second_t *sec, int force) {
  if (sec->top < 0 && (force || sec->packets >= s->minPps)) sketch_top(s, sec);
  sketch_reset(&s->sketch);
}

/* storms.ts count(): true when the second's sketch still takes frames. */
static int storm_count(scan_t *s, double ts, double size) {
  double t = floor(ts);
  if (s->scurrent == NONE || ssecond(s, s->scurrent)->t != t) {
    if (s->scurrent != NONE) storm_close(s, ssecond(s, s->scurrent), s->scurrent == s->sfirst);
    uint32_t known = index_get(&s->ssecondIndex, (uint64_t)(int64_t)t);
    if (known != NONE && s->sseconds[known].t == t) {
      s->scurrent = known;
    } else if (s->nsseconds < MAX_SECONDS) {
      if (s->nsseconds == s->rsseconds) {
        uint32_t room = s->rsseconds == 0 ? 1024 : s->rsseconds * 2;
        storm_second_t *more = realloc(s->sseconds, (size_t)room * sizeof *more);
        if (more == NULL) {
          s->oom = 1;
          return 0;
        }
        s->sseconds = more;
        s->rsseconds = room;
      }
      storm_second_t *e = &s->sseconds[s->nsseconds];
      e->t = t;
      e->packets = 0;
      e->bytes = 0;
      e->top = -1;
      e->ntop = 0;
      if (!index_put(&s->ssecondIndex, (uint64_t)(int64_t)t, s->nsseconds)) s->oom = 1;
      s->scurrent = s->nsseconds++;
    } else {
      s->stemp.t = t;
      s->stemp.packets = 0;
      s->stemp.bytes = 0;
      s->stemp.top = -1;
      s->stemp.ntop = 0;
      s->scurrent = TEMP;
    }
    if (s->sfirst == NONE) s->sfirst = s->scurrent;
  }
  storm_second_t *cur = ssecond(s, s->scurrent);
  cur->packets++;
  cur->bytes += size;
  return cur->top < 0;
}

/* FrameSketch.add: the slot whose sample is wanted now, else -1. */
static int sketch_add(sketch_t *k, double key, double ts) {
  int last = k->last;
  double n = k->counts[last];
  if (n > 0 && k->keys[last] == key) {
    k->counts[last] = n + 1;
    k->gapSum[last] = k->gapSum[last] + ts - k->lastTs[last];
    k->gaps[last] = k->gaps[last] + 1;
    k->lastTs[last] = ts;
    return n + 1 == SAMPLE_AT && !k->has_sample[last] ? last : -1;
  }
  int free_slot = -1;
  for (int i = 0; i < K; i++) {
    double c = k->counts[i];
    if (c == 0) {
      if (free_slot < 0) free_slot = i;
    } else if (k->keys[i] == key) {
      k->counts[i] = c + 1;
      k->gapSum[i] = k->gapSum[i] + ts - k->lastTs[i];
      k->gaps[i] = k->gaps[i] + 1;
      k->lastTs[i] = ts;
      k->last = i;
      return c + 1 == SAMPLE_AT && !k->has_sample[i] ? i : -1;
    }
  }
  if (free_slot >= 0) {
    k->keys[free_slot] = key;
    k->counts[free_slot] = 1;
    k->lastTs[free_slot] = ts;
    k->gapSum[free_slot] = 0;
    k->gaps[free_slot] = 0;
    k->has_sample[free_slot] = 0;
    k->last = free_slot;
    return -1;
  }
  for (int i = 0; i < K; i++) {
    double c = k->counts[i] - 1;
    k->counts[i] = c;
    if (c == 0) k->has_sample[i] = 0;
  }
  return -1;
}

/* storms.ts add/addPlain: the sample slot wanted (its link fields still to set), or -1. */
static int count_storm(scan_t *s, const uint8_t *f, uint32_t n, double ts, double index,
                       uint64_t hash) {
  if (!storm_count(s, ts, n)) return -1;
  int slot = sketch_add(&s->sketch, (double)hash, ts);
  if (slot < 0) return -1;
  sample_t *x = &s->sketch.samples[slot];
  x->blen = n < SAMPLE_BYTES ? n : SAMPLE_BYTES;
  memcpy(x->bytes, f, x->blen);
  x->length = n;
  x->frame = index;
  x->src = x->dst = x->ethertype = -1;
  s->sketch.has_sample[slot] = 1;
  return slot;
}

/* ---------- N-API ---------- */

#define CHECK(call)                                                      \
  do {                                                                   \
    if ((call) != napi_ok) {                                             \
      napi_throw_error(env, NULL, "linkguard_pcapscan: " #call " failed"); \
      return NULL;                                                       \
    }                                                                    \
  } while (0)

static void finalize(napi_env env, void *data, void *hint) {
  (void)hint;
  scan_t *s = data;
  napi_delete_reference(env, s->out_ref);
  free(s->seconds);
  index_free(&s->secondIndex);
  counter_free(&s->macs);
  counter_free(&s->ipv4);
  counter_free(&s->ipv6);
  free(s->sseconds);
  index_free(&s->ssecondIndex);
  free(s->cands);
  free(s);
}

static scan_t *unwrap(napi_env env, napi_value v) {
  void *data = NULL;
  if (napi_get_value_external(env, v, &data) != napi_ok || data == NULL) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: not a scan handle");
    return NULL;
  }
  return data;
}

static double *out_of(napi_env env, scan_t *s) {
  napi_value out;
  void *data = NULL;
  size_t length = 0;
  napi_typedarray_type type;
  if (napi_get_reference_value(env, s->out_ref, &out) != napi_ok ||
      napi_get_typedarray_info(env, out, &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_float64_array || length < 3)
    return NULL;
  return data;
}

static napi_value create(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 8) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: create needs 8 arguments");
    return NULL;
  }
  bool traffic, storms, le, nano;
  double minPps;
  uint32_t linkType, maxRecord;
  CHECK(napi_get_value_bool(env, argv[0], &traffic));
  CHECK(napi_get_value_bool(env, argv[1], &storms));
  CHECK(napi_get_value_double(env, argv[2], &minPps));
  CHECK(napi_get_value_bool(env, argv[3], &le));
  CHECK(napi_get_value_bool(env, argv[4], &nano));
  CHECK(napi_get_value_uint32(env, argv[5], &linkType));
  CHECK(napi_get_value_uint32(env, argv[6], &maxRecord));
  scan_t *s = calloc(1, sizeof *s);
  if (s == NULL) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: out of memory");
    return NULL;
  }
  s->traffic = traffic;
  s->storms = storms;
  s->minPps = minPps;
  s->le = le;
  s->divisor = nano ? 1e9 : 1e6;
  s->linkType = linkType;
  s->maxRecord = maxRecord;
  s->lastTs = -INFINITY;
  s->firstTs = INFINITY;
  s->tLastTs = -INFINITY;
  s->current = NONE;
  s->scurrent = NONE;
  s->sfirst = NONE;
  s->pending = -1;
  int ok = index_init(&s->secondIndex, 1024) && index_init(&s->ssecondIndex, 1024) &&
           counter_init(&s->macs) && counter_init(&s->ipv4) && counter_init(&s->ipv6);
  napi_value handle;
  if (!ok || napi_create_reference(env, argv[7], 1, &s->out_ref) != napi_ok ||
      napi_create_external(env, s, finalize, NULL, &handle) != napi_ok) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: cannot create the scan state");
    return NULL;
  }
  if (out_of(env, s) == NULL) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: out must be a Float64Array of 3");
    return NULL;
  }
  return handle;
}

/*
 * ClassicPcap.scan over `chunk` from `start`: every whole, plausible record; plain IP frames
 * counted here, and the first other frame counted in the storm sketch and left to JavaScript.
 */
static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: scan needs 3 arguments");
    return NULL;
  }
  scan_t *s = unwrap(env, argv[0]);
  if (s == NULL) return NULL;
  napi_typedarray_type type;
  size_t n = 0;
  void *data = NULL;
  CHECK(napi_get_typedarray_info(env, argv[1], &type, &n, &data, NULL, NULL));
  if (type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: chunk must be a Uint8Array");
    return NULL;
  }
  int64_t start;
  CHECK(napi_get_value_int64(env, argv[2], &start));
  double *out = out_of(env, s);
  if (out == NULL || start < 0) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: bad out array or start");
    return NULL;
  }
  const uint8_t *b = data;
  double index = out[0];
  double stopped = -1;
  int wantsLink = 0;
  size_t pos = (size_t)start;
  const int le = s->le;
  const double divisor = s->divisor;
  const int ethernet = s->linkType == 1;
  plain_t ip = {0};
  /* The plain frame before (in this chunk): a frame with the same length and first
   * HASHED_BYTES bytes (a storm repeats one) decodes and hashes the same (as parts.ts). */
  const uint8_t *prev = NULL;
  uint32_t prevLength = 0;
  uint64_t hash = 0;
  while (pos + RECORD_HEADER <= n) {
    const uint8_t *h = b + pos;
    uint32_t captured = le ? le32(h + 8) : be32(h + 8);
    if (captured > s->maxRecord || pos + RECORD_HEADER + captured > n) break;
    uint32_t original = le ? le32(h + 12) : be32(h + 12);
    uint32_t sec = le ? le32(h) : be32(h);
    uint32_t frac = le ? le32(h + 4) : be32(h + 4);
    double ts = (double)sec + (double)frac / divisor;
    const uint8_t *f = h + RECORD_HEADER;
    index++;
    if (ts > s->lastTs) s->lastTs = ts;
    if (ethernet && captured <= original) {
      int same = prev != NULL && captured == prevLength &&
                 memcmp(f, prev, captured < HASHED_BYTES ? captured : HASHED_BYTES) == 0;
      if (same || plain_ip(f, captured, &ip)) {
        if (!same) {
          prev = f;
          prevLength = captured;
          if (s->storms) hash = frame_hash(f, captured);
        }
        if (s->traffic) count_traffic(s, f, captured, original, ts, &ip);
        if (s->storms) {
          int slot = count_storm(s, f, captured, ts, index, hash);
          if (slot >= 0) {
            sample_t *x = &s->sketch.samples[slot];
            x->src = ip.src;
            x->dst = ip.dst;
            x->ethertype = ip.ethertype;
          }
        }
        pos += RECORD_HEADER + captured;
        continue;
      }
      prev = NULL;
    }
    /* Not plain: the storm sketch sees it now, in file order; JavaScript decodes the rest. */
    if (s->storms) {
      s->pending = count_storm(s, f, captured, ts, index, frame_hash(f, captured));
      wantsLink = s->pending >= 0;
    }
    stopped = (double)pos;
    pos += RECORD_HEADER + captured;
    break;
  }
  out[0] = index;
  out[1] = stopped;
  out[2] = wantsLink;
  if (s->oom) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: out of memory");
    return NULL;
  }
  napi_value result;
  CHECK(napi_create_double(env, (double)pos, &result));
  return result;
}

/* The link fields of the frame left to JavaScript, for its storm sample (sampleOf). */
static napi_value link_fields(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: link needs 4 arguments");
    return NULL;
  }
  scan_t *s = unwrap(env, argv[0]);
  if (s == NULL) return NULL;
  double src, dst, ethertype;
  CHECK(napi_get_value_double(env, argv[1], &src));
  CHECK(napi_get_value_double(env, argv[2], &dst));
  CHECK(napi_get_value_double(env, argv[3], &ethertype));
  if (s->pending >= 0) {
    sample_t *x = &s->sketch.samples[s->pending];
    x->src = src;
    x->dst = dst;
    x->ethertype = ethertype;
    s->pending = -1;
  }
  return NULL;
}

static int set_doubles(napi_env env, napi_value obj, const char *name, const double *values,
                       size_t count) {
  void *data = NULL;
  napi_value buffer, array;
  if (napi_create_arraybuffer(env, count * sizeof(double), &data, &buffer) != napi_ok) return 0;
  if (count > 0) memcpy(data, values, count * sizeof(double));
  if (napi_create_typedarray(env, napi_float64_array, count, buffer, 0, &array) != napi_ok)
    return 0;
  return napi_set_named_property(env, obj, name, array) == napi_ok;
}

static int set_bytes(napi_env env, napi_value obj, const char *name, const uint8_t *values,
                     size_t count) {
  void *data = NULL;
  napi_value buffer, array;
  if (napi_create_arraybuffer(env, count, &data, &buffer) != napi_ok) return 0;
  if (count > 0) memcpy(data, values, count);
  if (napi_create_typedarray(env, napi_uint8_array, count, buffer, 0, &array) != napi_ok) return 0;
  return napi_set_named_property(env, obj, name, array) == napi_ok;
}

static int set_number(napi_env env, napi_value obj, const char *name, double value) {
  napi_value v;
  return napi_create_double(env, value, &v) == napi_ok &&
         napi_set_named_property(env, obj, name, v) == napi_ok;
}

/* A TopCounter's entries as (key, packets, bytes) triples, and IPv6 labels' bytes. */
static int set_counter(napi_env env, napi_value obj, const char *name, const counter_t *c,
                       int addrs) {
  napi_value sub;
  if (napi_create_object(env, &sub) != napi_ok) return 0;
  double *rows = malloc(((size_t)c->size * 3 + 1) * sizeof *rows);
  uint8_t *bytes = addrs ? malloc((size_t)c->size * 16 + 1) : NULL;
  if (rows == NULL || (addrs && bytes == NULL)) {
    free(rows);
    free(bytes);
    return 0;
  }
  for (uint32_t i = 0; i < c->size; i++) {
    rows[i * 3] = (double)c->entries[i].key;
    rows[i * 3 + 1] = c->entries[i].packets;
    rows[i * 3 + 2] = c->entries[i].bytes;
    if (addrs) memcpy(bytes + (size_t)i * 16, c->entries[i].addr, 16);
  }
  int ok = set_doubles(env, sub, "rows", rows, (size_t)c->size * 3) &&
           set_number(env, sub, "approximate", c->approximate) &&
           (!addrs || set_bytes(env, sub, "addresses", bytes, (size_t)c->size * 16)) &&
           napi_set_named_property(env, obj, name, sub) == napi_ok;
  free(rows);
  free(bytes);
  return ok;
}

static napi_value traffic(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  scan_t *s = argc < 1 ? NULL : unwrap(env, argv[0]);
  if (s == NULL) return NULL;
  napi_value o;
  CHECK(napi_create_object(env, &o));
  double *rows = malloc(((size_t)s->nseconds * 3 + 1) * sizeof *rows);
  if (rows == NULL) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: out of memory");
    return NULL;
  }
  for (uint32_t i = 0; i < s->nseconds; i++) {
    rows[i * 3] = s->seconds[i].t;
    rows[i * 3 + 1] = s->seconds[i].packets;
    rows[i * 3 + 2] = s->seconds[i].bytes;
  }
  int ok = set_number(env, o, "packets", s->packets) && set_number(env, o, "bytes", s->bytes) &&
           set_number(env, o, "originalBytes", s->originalBytes) &&
           set_number(env, o, "snapped", s->snapped) && set_number(env, o, "firstTs", s->firstTs) &&
           set_number(env, o, "lastTs", s->tLastTs) &&
           set_number(env, o, "perSecondTruncated", s->truncated) &&
           set_doubles(env, o, "seconds", rows, (size_t)s->nseconds * 3) &&
           set_number(env, o, "ipv4Frames", s->ipv4Frames) &&
           set_number(env, o, "ipv6Frames", s->ipv6Frames) &&
           set_number(env, o, "vlanTagged", s->vlanTagged) &&
           set_doubles(env, o, "vlans", s->vlans, 4096) &&
           set_doubles(env, o, "ipProtocols", s->ipProtocols, 256) &&
           set_counter(env, o, "macs", &s->macs, 0) && set_counter(env, o, "ipv4", &s->ipv4, 0) &&
           set_counter(env, o, "ipv6", &s->ipv6, 1) &&
           set_number(env, o, "frameLastTs", s->lastTs);
  free(rows);
  if (!ok) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: cannot build the traffic state");
    return NULL;
  }
  return o;
}

/* Fields per candidate: key, count, gapSum, gaps, hasSample, length, src, dst, ethertype,
 * frame, sample length (its bytes: SAMPLE_BYTES per candidate in `samples`). */
#define CANDIDATE_FIELDS 11

static napi_value storms(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  scan_t *s = argc < 2 ? NULL : unwrap(env, argv[0]);
  if (s == NULL) return NULL;
  bool region;
  CHECK(napi_get_value_bool(env, argv[1], &region));
  /* storms.ts finish() closes the last second unforced; state() (a region) forced. */
  if (s->scurrent != NONE) storm_close(s, ssecond(s, s->scurrent), region);
  s->scurrent = NONE;
  size_t ns = s->nsseconds, nc = 0;
  for (size_t i = 0; i < ns; i++) nc += s->sseconds[i].top >= 0 ? s->sseconds[i].ntop : 0;
  double *rows = malloc((ns * 4 + 1) * sizeof *rows);
  double *cands = malloc((nc * CANDIDATE_FIELDS + 1) * sizeof *cands);
  uint8_t *samples = malloc(nc * SAMPLE_BYTES + 1);
  if (rows == NULL || cands == NULL || samples == NULL) {
    free(rows);
    free(cands);
    free(samples);
    napi_throw_error(env, NULL, "linkguard_pcapscan: out of memory");
    return NULL;
  }
  size_t c = 0;
  for (size_t i = 0; i < ns; i++) {
    const storm_second_t *x = &s->sseconds[i];
    rows[i * 4] = x->t;
    rows[i * 4 + 1] = x->packets;
    rows[i * 4 + 2] = x->bytes;
    rows[i * 4 + 3] = x->top < 0 ? -1 : x->ntop;
    for (int32_t j = 0; x->top >= 0 && j < x->ntop; j++, c++) {
      const candidate_t *k = &s->cands[x->top + j];
      double *r = cands + c * CANDIDATE_FIELDS;
      r[0] = k->key;
      r[1] = k->count;
      r[2] = k->gapSum;
      r[3] = k->gaps;
      r[4] = k->has_sample;
      r[5] = k->has_sample ? k->sample.length : 0;
      r[6] = k->has_sample ? k->sample.src : -1;
      r[7] = k->has_sample ? k->sample.dst : -1;
      r[8] = k->has_sample ? k->sample.ethertype : -1;
      r[9] = k->has_sample ? k->sample.frame : 0;
      r[10] = k->has_sample ? k->sample.blen : 0;
      memset(samples + c * SAMPLE_BYTES, 0, SAMPLE_BYTES);
      if (k->has_sample) memcpy(samples + c * SAMPLE_BYTES, k->sample.bytes, k->sample.blen);
    }
  }
  napi_value o;
  CHECK(napi_create_object(env, &o));
  int ok = set_doubles(env, o, "seconds", rows, ns * 4) &&
           set_doubles(env, o, "candidates", cands, nc * CANDIDATE_FIELDS) &&
           set_bytes(env, o, "samples", samples, nc * SAMPLE_BYTES);
  free(rows);
  free(cands);
  free(samples);
  if (!ok) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: cannot build the storm state");
    return NULL;
  }
  return o;
}

static napi_value lastTs(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  scan_t *s = argc < 1 ? NULL : unwrap(env, argv[0]);
  if (s == NULL) return NULL;
  napi_value v;
  CHECK(napi_create_double(env, s->lastTs, &v));
  return v;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"create", NULL, create, NULL, NULL, NULL, napi_default, NULL},
      {"scan", NULL, scan, NULL, NULL, NULL, napi_default, NULL},
      {"link", NULL, link_fields, NULL, NULL, NULL, napi_default, NULL},
      {"traffic", NULL, traffic, NULL, NULL, NULL, napi_default, NULL},
      {"storms", NULL, storms, NULL, NULL, NULL, napi_default, NULL},
      {"lastTs", NULL, lastTs, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof *props, props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
