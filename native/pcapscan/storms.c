/*
 * The storm analysis' counting (src/pcap/analyze/storms.ts: count, close) and its repeated-frame
 * summary (src/pcap/analyze/frame-sketch.ts: FrameSketch), ported line for line: every frame of
 * the capture passes here in file order, the frames JavaScript decodes too.
 */
#include <math.h>
#include <string.h>

#include "scan.h"


storm_second_t *storm_second(scan_t *s, uint32_t at) {
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

void storm_close(scan_t *s, storm_second_t *sec, int force) {
  if (sec->top < 0 && (force || sec->packets >= s->minPps)) sketch_top(s, sec);
  sketch_reset(&s->sketch);
}

/* storms.ts count(): true when the second's sketch still takes frames. */
static int storm_count(scan_t *s, double ts, double size) {
  const storm_second_t *was = s->scurrent == NONE ? NULL : storm_second(s, s->scurrent);
  /* floor(ts) != was->t, without calling floor() for every frame */
  if (was == NULL || !(ts >= was->t && ts < was->t + 1.0)) {
    double t = floor(ts);
    if (s->scurrent != NONE) storm_close(s, storm_second(s, s->scurrent), s->scurrent == s->sfirst);
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
  storm_second_t *cur = storm_second(s, s->scurrent);
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
int count_storm(scan_t *s, const uint8_t *f, uint32_t n, double ts, double index,
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
  x->linkAt = -1;
  s->sketch.has_sample[slot] = 1;
  return slot;
}
