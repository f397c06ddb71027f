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
 * This file is the N-API side; scan.c holds the loop and the traffic counts, storms.c the
 * storm analysis, tables.h the counters' tables, scan.h the state they share.
 *
 *   create(traffic, storms, minPps, le, nano, linkType, maxRecord, out: Float64Array) -> handle
 *   scan(handle, chunk: Uint8Array, start) -> end       out[0]: frame index in and out,
 *        out[1]: offset of a whole record left to JavaScript (-1: none), out[2]: 1 when its
 *        storm sample wants the link fields (give them to link())
 *   link(handle, src, dst, ethertype)                   -1 for a field the frame has not
 *   traffic(handle) -> { ... }   storms(handle, closeAsRegion) -> { ... }
 *   regions(buffer, starts, ends, ...create's first 7) -> handles   a thread per region, and
 *   regionEnd(handle) -> { frames, position, overflow, rare, records }  its end (regions.c)
 */
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "regions.h"
#include "scan.h"

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
  region_wait(s);
  if (s->out_ref != NULL) napi_delete_reference(env, (napi_ref)s->out_ref);
  free(s->rare);
  free(s->rbytes);
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
  if (napi_get_reference_value(env, (napi_ref)s->out_ref, &out) != napi_ok ||
      napi_get_typedarray_info(env, out, &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_float64_array || length < 3)
    return NULL;
  return data;
}

int scan_init(scan_t *s, int traffic, int storms, double minPps, int le, int nano,
              uint32_t linkType, uint32_t maxRecord) {
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
  return index_init(&s->secondIndex, 1024) && index_init(&s->ssecondIndex, 1024) &&
         counter_init(&s->macs) && counter_init(&s->ipv4) && counter_init(&s->ipv6);
}

napi_value scan_handle(napi_env env, void *scan) {
  scan_t *s = scan;
  napi_value handle;
  if (napi_create_external(env, s, finalize, NULL, &handle) != napi_ok) return NULL;
  return handle;
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
  int ok = scan_init(s, traffic, storms, minPps, le, nano, linkType, maxRecord);
  napi_value handle;
  if (!ok || napi_create_reference(env, argv[7], 1, (napi_ref *)&s->out_ref) != napi_ok ||
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

/* ClassicPcap.scan over `chunk` from `start` (scan_records, scan.c). */
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
  double index = out[0], stopped = -1;
  int wantsLink = 0;
  size_t pos = scan_records(s, data, n, (size_t)start, &index, &stopped, &wantsLink);
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
 * frame, sample length (its bytes: SAMPLE_BYTES per candidate in `samples`), and the record
 * whose link fields are still to read (-1: none; a region's thread, regions.c). */
#define CANDIDATE_FIELDS 12

static napi_value storms(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  scan_t *s = argc < 2 ? NULL : unwrap(env, argv[0]);
  if (s == NULL) return NULL;
  bool region;
  CHECK(napi_get_value_bool(env, argv[1], &region));
  /* storms.ts finish() closes the last second unforced; state() (a region) forced. */
  if (s->scurrent != NONE) storm_close(s, storm_second(s, s->scurrent), region);
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
      r[11] = k->has_sample ? k->sample.linkAt : -1;
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
      {"regions", NULL, regions_start, NULL, NULL, NULL, napi_default, NULL},
      {"regionEnd", NULL, region_end, NULL, NULL, NULL, napi_default, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof *props, props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
