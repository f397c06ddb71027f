/*
 * The scan's state and the calls between its parts: scan.c (record framing, the plain IP
 * frame, traffic counts), storms.c (the storm analysis' seconds and repeated-frame sketch) and
 * pcapscan.c (the N-API functions JavaScript calls).
 */
#ifndef LINKGUARD_PCAPSCAN_SCAN_H
#define LINKGUARD_PCAPSCAN_SCAN_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "tables.h"

#define RECORD_HEADER 16
#define MAX_SECONDS 1000000 /* traffic-state.ts MAX_SECONDS, storms.ts's bound */
#define K 8                 /* frame-sketch.ts K */
#define SAMPLE_AT 2
#define HASHED_BYTES 64
#define SAMPLE_BYTES 64
#define TEMP (UINT32_MAX - 1)

/* ---------- seconds (traffic) ---------- */

typedef struct {
  double t, packets, bytes;
} second_t;

/* ---------- storms: the sketch and its seconds ---------- */

typedef struct {
  uint8_t bytes[SAMPLE_BYTES];
  uint32_t blen;
  double length, src, dst, ethertype, frame; /* src, dst, ethertype: -1 when undefined */
  double linkAt; /* a region's thread: the record whose link fields JavaScript reads; else -1 */
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
  void *out_ref; /* the napi_ref of the shared Float64Array (pcapscan.c) */
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
  /* A region scanned by one of the threads of a job (regions.c). */
  struct job *job;
  int done;
  int fd; /* the file, read with pread(); the region is its bytes [rstart, rend) */
  size_t rstart, rend, rposition;
  double rframes;
  double *rare; /* (offset, local frame index, where in rbytes) of each record left over */
  size_t nrare, rrare;
  uint8_t *rbytes; /* those records, header and all, one after the other */
  size_t nrbytes, rrbytes;
  size_t maxRare; /* the most bytes of them kept */
  int overflow;   /* more than that: the region stopped there */
} scan_t;

/* The state of a new scan (create's arguments); 0 when out of memory. */
int scan_init(scan_t *s, int traffic, int storms, double minPps, int le, int nano,
              uint32_t linkType, uint32_t maxRecord);
/* The job of a region (regions.c): wait for all its threads, and let go of it. */
void region_wait(scan_t *s);

/*
 * Every whole, plausible record of b[0..n) from `pos` (ClassicPcap.scan): plain IP frames
 * counted, and the first other frame counted in the storm sketch and left to JavaScript
 * (`*stopped`: its offset, else -1; `*wantsLink`: its storm sample wants the link fields).
 * `*index` is the frame number before, and after. Returns where it stopped.
 */
size_t scan_records(scan_t *s, const uint8_t *b, size_t n, size_t pos, double *index,
                    double *stopped, int *wantsLink);

/* storms.c */
int count_storm(scan_t *s, const uint8_t *f, uint32_t n, double ts, double index, uint64_t hash);
void storm_close(scan_t *s, storm_second_t *sec, int force);
storm_second_t *storm_second(scan_t *s, uint32_t at);

#endif
