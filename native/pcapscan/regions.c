/*
 * Regions of a classic pcap file scanned at once by a few threads (src/pcap/native/regions.ts).
 * Each region has its own scan state (scan.h) and runs the same loop as the single-threaded
 * scan (scan_records) over its bytes; a thread takes the next region nobody has taken yet, so
 * the cores stay busy to the end however the frames are spread. A region is read with pread()
 * in pieces that stay in the core's cache (faster than a mapping's page faults, measured).
 * Nothing here calls into JavaScript. A record the scan leaves to JavaScript is copied, with
 * its offset and its frame number in the region, for JavaScript to decode afterwards in file
 * order (at most maxRareBytes a region: past that JavaScript reads the file in one pass);
 * when its storm sample wants the link fields, the sample notes the record (linkAt) and
 * JavaScript reads them from the copy. A region ends where its scan stopped: its end, or a
 * record that is not whole or not plausible (JavaScript reads on from there).
 *
 * The calls are synchronous: regions() starts the threads and returns at once; regionEnd()
 * waits for the region asked about (JavaScript decodes the records of each region left over
 * while the threads scan the next ones). No napi_async_work: nothing runs
 * JavaScript or needs the event loop, and the one-shot CLI waits for the result anyway.
 *
 *   regions(fd, starts: Float64Array, ends: Float64Array, threads, traffic, storms, minPps,
 *           le, nano, linkType, maxRecord, maxRareBytes) -> scan handles, one per region (the
 *           file descriptor stays open until every region has ended)
 *   regionEnd(handle) -> { frames, position, overflow, rare: Float64Array of (offset, frame,
 *                          where in records) triples, records: Uint8Array (their copies) }
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regions.h"
#include "scan.h"

/* The pieces a region is read in: this core's cache holds one. */
#define READ_BYTES ((size_t)1 << 20)

static int grow(void **p, size_t *room, size_t need, size_t size) {
  if (need <= *room) return 1;
  size_t n = *room == 0 ? 1024 : *room;
  while (n < need) n *= 2;
  void *more = realloc(*p, n * size);
  if (more == NULL) return 0;
  *p = more;
  *room = n;
  return 1;
}

/* A record left to JavaScript: where it is, its frame number, and a copy of it (JavaScript
 * decodes the copies, not the file's pages). */
static int rare_push(scan_t *s, double offset, double frame, const uint8_t *record, size_t n) {
  if (s->nrbytes + n > s->maxRare) {
    s->overflow = 1;
    return 0;
  }
  if (!grow((void **)&s->rare, &s->rrare, s->nrare + 3, sizeof *s->rare) ||
      !grow((void **)&s->rbytes, &s->rrbytes, s->nrbytes + n, 1)) {
    s->oom = 1;
    return 0;
  }
  s->rare[s->nrare++] = offset;
  s->rare[s->nrare++] = frame;
  s->rare[s->nrare++] = (double)s->nrbytes;
  memcpy(s->rbytes + s->nrbytes, record, n);
  s->nrbytes += n;
  return 1;
}

/* Regions and the threads that scan them, each taking the next region not yet taken. */
typedef struct job {
  scan_t **scans;
  size_t n;
  atomic_size_t next;
  pthread_t *threads;
  size_t nthreads;
  int joined;
  size_t users; /* scan states still pointing here */
  pthread_mutex_t lock;
  pthread_cond_t changed;
} job_t;

/* The records of a region scanned from `b` (holding the file's bytes [base, base + n)) from
 * `pos`; returns where the scan stopped (a record not whole in `b`, or not plausible). */
static size_t scan_piece(scan_t *s, const uint8_t *b, size_t base, size_t n, size_t pos,
                         double *index) {
  for (;;) {
    double stopped = -1;
    int wantsLink = 0;
    pos = scan_records(s, b, n, pos, index, &stopped, &wantsLink);
    if (stopped < 0) return pos;
    if (wantsLink && s->pending >= 0) s->sketch.samples[s->pending].linkAt = base + stopped;
    s->pending = -1;
    size_t at = (size_t)stopped;
    /* Out of room: the region ends before this record (JavaScript reads the file in one go). */
    if (!rare_push(s, base + stopped, *index, b + at, pos - at)) return at;
  }
}

/* The region in READ_BYTES pieces read with pread() (faster than a mapping's page faults:
 * measured), each scanned while in this core's cache; a record cut by a piece's end is read
 * again with the next. A record that does not fit a piece, or is not plausible, ends it. */
static void scan_region(scan_t *s) {
  size_t pos = s->rstart;
  double index = 0;
  uint8_t *piece = malloc(READ_BYTES);
  if (piece == NULL) s->oom = 1;
  while (piece != NULL && pos < s->rend && !s->oom && !s->overflow) {
    size_t want = s->rend - pos < READ_BYTES ? s->rend - pos : READ_BYTES;
    ssize_t got = pread(s->fd, piece, want, (off_t)pos);
    if (got <= 0) break;
    size_t used = scan_piece(s, piece, pos, (size_t)got, 0, &index);
    if (used == 0) break;
    pos += used;
  }
  free(piece);
  s->rposition = pos;
  s->rframes = index;
}

/* Scan regions not yet taken, until there are none. */
static void work(job_t *j) {
  for (;;) {
    size_t i = atomic_fetch_add(&j->next, 1);
    if (i >= j->n) return;
    scan_region(j->scans[i]);
    pthread_mutex_lock(&j->lock);
    j->scans[i]->done = 1;
    pthread_cond_broadcast(&j->changed);
    pthread_mutex_unlock(&j->lock);
  }
}

static void *worker_main(void *arg) {
  work(arg);
  return NULL;
}

/* Wait for this region; without threads (none could be started), scan it here. */
static void wait_for(scan_t *s) {
  job_t *j = s->job;
  if (j->nthreads == 0) work(j);
  pthread_mutex_lock(&j->lock);
  while (!s->done) pthread_cond_wait(&j->changed, &j->lock);
  pthread_mutex_unlock(&j->lock);
}

void region_wait(scan_t *s) {
  job_t *j = s->job;
  if (j == NULL) return;
  work(j);
  if (!j->joined) {
    for (size_t i = 0; i < j->nthreads; i++) pthread_join(j->threads[i], NULL);
    j->joined = 1;
  }
  s->job = NULL;
  if (--j->users > 0) return;
  pthread_mutex_destroy(&j->lock);
  pthread_cond_destroy(&j->changed);
  free(j->threads);
  free(j->scans);
  free(j);
}

static int float64s(napi_env env, napi_value v, double **data, size_t *n) {
  napi_typedarray_type type;
  void *p = NULL;
  return napi_get_typedarray_info(env, v, &type, n, &p, NULL, NULL) == napi_ok &&
         type == napi_float64_array && (*data = p) != NULL;
}

#define FAIL(msg)                                            \
  do {                                                       \
    napi_throw_error(env, NULL, "linkguard_pcapscan: " msg); \
    return NULL;                                             \
  } while (0)

napi_value regions_start(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 12)
    FAIL("regions needs 12 arguments");
  int32_t fd;
  size_t nstarts = 0, nends = 0;
  double *starts = NULL, *ends = NULL;
  bool traffic, storms, le, nano;
  double minPps, maxRare;
  uint32_t linkType, maxRecord, nthreads;
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok || fd < 0 ||
      !float64s(env, argv[1], &starts, &nstarts) || !float64s(env, argv[2], &ends, &nends) ||
      nstarts != nends || napi_get_value_uint32(env, argv[3], &nthreads) != napi_ok ||
      napi_get_value_bool(env, argv[4], &traffic) != napi_ok ||
      napi_get_value_bool(env, argv[5], &storms) != napi_ok ||
      napi_get_value_double(env, argv[6], &minPps) != napi_ok ||
      napi_get_value_bool(env, argv[7], &le) != napi_ok ||
      napi_get_value_bool(env, argv[8], &nano) != napi_ok ||
      napi_get_value_uint32(env, argv[9], &linkType) != napi_ok ||
      napi_get_value_uint32(env, argv[10], &maxRecord) != napi_ok ||
      napi_get_value_double(env, argv[11], &maxRare) != napi_ok || !(maxRare >= 0) ||
      nstarts == 0)
    FAIL("regions: bad arguments");
  for (size_t i = 0; i < nstarts; i++)
    if (!(starts[i] >= 0 && starts[i] <= ends[i]))
      FAIL("regions: a region that ends before it starts");
  job_t *j = calloc(1, sizeof *j);
  if (j == NULL || (j->scans = calloc(nstarts, sizeof *j->scans)) == NULL ||
      (j->threads = calloc(nthreads + 1, sizeof *j->threads)) == NULL) {
    if (j != NULL) free(j->scans);
    free(j);
    FAIL("regions: out of memory");
  }
  j->n = nstarts;
  atomic_init(&j->next, 0);
  pthread_mutex_init(&j->lock, NULL);
  pthread_cond_init(&j->changed, NULL);
  napi_value handles;
  if (napi_create_array_with_length(env, nstarts, &handles) != napi_ok) FAIL("regions: no array");
  for (size_t i = 0; i < nstarts; i++) {
    scan_t *s = calloc(1, sizeof *s);
    if (s == NULL || !scan_init(s, traffic, storms, minPps, le, nano, linkType, maxRecord)) {
      /* The regions not made: none of them is taken by a thread. */
      j->n = i;
      FAIL("regions: out of memory");
    }
    s->rstart = (size_t)starts[i];
    s->rend = (size_t)ends[i];
    s->fd = fd;
    s->maxRare = (size_t)maxRare;
    s->job = j;
    j->scans[i] = s;
    j->users++;
    napi_value handle = scan_handle(env, s);
    if (handle == NULL || napi_set_element(env, handles, (uint32_t)i, handle) != napi_ok) {
      j->n = i + 1;
      FAIL("regions: cannot make a handle");
    }
  }
  /* Fewer threads than asked (no resources): the caller's thread scans the rest. */
  for (uint32_t t = 0; t < nthreads; t++)
    if (pthread_create(&j->threads[j->nthreads], NULL, worker_main, j) == 0) j->nthreads++;
  return handles;
}

napi_value region_end(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_external(env, argv[0], &data) != napi_ok || data == NULL)
    FAIL("regionEnd needs a region handle");
  scan_t *s = data;
  if (s->job == NULL) FAIL("regionEnd: not a region");
  wait_for(s);
  if (s->oom) FAIL("out of memory");
  napi_value o, v, buffer, rare;
  void *bytes = NULL;
  if (napi_create_object(env, &o) != napi_ok ||
      napi_create_double(env, s->rframes, &v) != napi_ok ||
      napi_set_named_property(env, o, "frames", v) != napi_ok ||
      napi_create_double(env, (double)s->rposition, &v) != napi_ok ||
      napi_set_named_property(env, o, "position", v) != napi_ok ||
      napi_get_boolean(env, s->overflow != 0, &v) != napi_ok ||
      napi_set_named_property(env, o, "overflow", v) != napi_ok ||
      napi_create_arraybuffer(env, s->nrare * sizeof(double), &bytes, &buffer) != napi_ok ||
      napi_create_typedarray(env, napi_float64_array, s->nrare, buffer, 0, &rare) != napi_ok ||
      napi_set_named_property(env, o, "rare", rare) != napi_ok)
    FAIL("regionEnd: cannot build the result");
  if (s->nrare > 0) memcpy(bytes, s->rare, s->nrare * sizeof(double));
  if (napi_create_arraybuffer(env, s->nrbytes, &bytes, &buffer) != napi_ok ||
      napi_create_typedarray(env, napi_uint8_array, s->nrbytes, buffer, 0, &rare) != napi_ok ||
      napi_set_named_property(env, o, "records", rare) != napi_ok)
    FAIL("regionEnd: cannot build the result");
  if (s->nrbytes > 0) memcpy(bytes, s->rbytes, s->nrbytes);
  return o;
}
