/*
 * The hot loop: classic pcap record framing (src/pcap/classic.ts, ClassicPcap.scan), the plain
 * IP frame (src/pcap/decode/plain-ip.ts) and its traffic counts
 * (src/pcap/analyze/traffic-state.ts, countPlainFrame), ported line for line.
 */
#include <math.h>
#include <string.h>

#include "scan.h"

/* ---------- bytes ---------- */

static inline uint32_t be32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint32_t be16(const uint8_t *p) { return ((uint32_t)p[0] << 8) | p[1]; }
static inline uint32_t le32(const uint8_t *p) {
  return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}

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
    if (protocol == 1 && !fragment) {
      /* decodeIcmp's header, and an echo's identifier and sequence, within HASHED_BYTES. */
      uint32_t icmp = at + headerLength, length = totalLength - headerLength;
      if (icmp >= HASHED_BYTES || length < 4) return 0;
      if ((f[icmp] == 0 || f[icmp] == 8) && length < 8) return 0;
    }
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
  second_t *cur = s->current == TEMP ? &s->temp : s->current == NONE ? NULL : &s->seconds[s->current];
  /* floor(ts) == cur->t, without calling floor() for every frame */
  if (cur != NULL && ts >= cur->t && ts < cur->t + 1.0) return cur;
  double t = floor(ts);
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

size_t scan_records(scan_t *s, const uint8_t *b, size_t n, size_t pos, double *indexIo,
                    double *stoppedOut, int *wantsLinkOut) {
  double index = *indexIo;
  double stopped = -1;
  int wantsLink = 0;
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
  *indexIo = index;
  *stoppedOut = stopped;
  *wantsLinkOut = wantsLink;
  return pos;
}
