/*
 * A regular file mapped into memory, for the reader to take its chunks from without copying
 * them (src/pcap/native/mapped.ts). read() of a file in the page cache copies every byte; on
 * the bench files that copy was half of the summary's reading time, the scan the other half.
 * The mapping is read-only and private; pages already scanned are given back with
 * MADV_DONTNEED (release), so the resident memory stays one chunk or two however big the file
 * is; a page touched again is read again from the file. The mapping itself goes when
 * JavaScript drops the ArrayBuffer (its finalizer).
 *
 * The second core reads ahead: prefetch() starts a thread that touches every cache line of the
 * next chunk (its page faults, its loads from memory) while the scan runs over the current
 * one, so the scan finds its bytes in the shared cache instead of waiting on memory.
 *
 *   map(path) -> ArrayBuffer over the whole file (its size when mapped); throws with errno text
 *   prefetch(buffer, offset, length)   waits for the last read-ahead, starts the next
 *   release(buffer, offset, length)    the whole pages inside [offset, offset+length)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <node_api.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "map.h"

#define PATH_BYTES 4096

/* A mapping and its read-ahead thread (at most one running). */
typedef struct {
  uint8_t *data;
  size_t size;
  pthread_t thread;
  int running;
  size_t from, to;
  volatile uint8_t sink;
} mapping_t;

static void *read_ahead(void *arg) {
  mapping_t *m = arg;
  uint8_t sum = 0;
  for (size_t at = m->from; at < m->to; at += 64) sum ^= m->data[at];
  m->sink = sum;
  return NULL;
}

static void wait_read_ahead(mapping_t *m) {
  if (m->running) pthread_join(m->thread, NULL);
  m->running = 0;
}

static void unmap(napi_env env, void *data, void *hint) {
  (void)env;
  (void)data;
  mapping_t *m = hint;
  wait_read_ahead(m);
  munmap(m->data, m->size);
  free(m);
}

static napi_value fail(napi_env env, const char *what, int err) {
  char message[256];
  snprintf(message, sizeof message, "linkguard_pcapscan: %s: %s", what, strerror(err));
  napi_throw_error(env, NULL, message);
  return NULL;
}

napi_value map_file(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char path[PATH_BYTES];
  size_t length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_string_utf8(env, argv[0], path, sizeof path, &length) != napi_ok ||
      length + 1 >= sizeof path) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: map needs a path");
    return NULL;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(env, "open", errno);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return fail(env, "fstat", err);
  }
  if (!S_ISREG(st.st_mode) || st.st_size <= 0) {
    close(fd);
    napi_throw_error(env, NULL, "linkguard_pcapscan: map: not a non-empty regular file");
    return NULL;
  }
  size_t size = (size_t)st.st_size;
  void *data = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  close(fd);
  if (data == MAP_FAILED) return fail(env, "mmap", err);
  /* Read ahead generously when the file is not in the page cache. */
  madvise(data, size, MADV_SEQUENTIAL);
  mapping_t *m = calloc(1, sizeof *m);
  napi_value buffer;
  if (m == NULL) {
    munmap(data, size);
    return fail(env, "map", ENOMEM);
  }
  m->data = data;
  m->size = size;
  if (napi_create_external_arraybuffer(env, data, size, unmap, m, &buffer) != napi_ok) {
    munmap(data, size);
    free(m);
    napi_throw_error(env, NULL, "linkguard_pcapscan: map: no external ArrayBuffer here");
    return NULL;
  }
  if (napi_wrap(env, buffer, m, NULL, NULL, NULL) != napi_ok) {
    napi_throw_error(env, NULL, "linkguard_pcapscan: map: cannot tag the ArrayBuffer");
    return NULL;
  }
  return buffer;
}

/* The mapping behind an ArrayBuffer from map(), and [offset, offset + length) inside it. */
static mapping_t *range_of(napi_env env, napi_callback_info info, size_t *from, size_t *to) {
  size_t argc = 3;
  napi_value argv[3];
  void *m = NULL;
  int64_t offset, length;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3 ||
      napi_unwrap(env, argv[0], &m) != napi_ok || m == NULL ||
      napi_get_value_int64(env, argv[1], &offset) != napi_ok ||
      napi_get_value_int64(env, argv[2], &length) != napi_ok || offset < 0 || length < 0 ||
      (uint64_t)offset + (uint64_t)length > ((mapping_t *)m)->size) {
    napi_throw_type_error(env, NULL, "linkguard_pcapscan: needs (mapped buffer, offset, length)");
    return NULL;
  }
  *from = (size_t)offset;
  *to = (size_t)offset + (size_t)length;
  return m;
}

napi_value prefetch_pages(napi_env env, napi_callback_info info) {
  size_t from, to;
  mapping_t *m = range_of(env, info, &from, &to);
  if (m == NULL) return NULL;
  wait_read_ahead(m);
  if (to <= from) return NULL;
  m->from = from;
  m->to = to;
  /* No thread (no resources): the scan reads the pages itself, as without read-ahead. */
  m->running = pthread_create(&m->thread, NULL, read_ahead, m) == 0;
  return NULL;
}

napi_value release_pages(napi_env env, napi_callback_info info) {
  size_t from, to;
  mapping_t *m = range_of(env, info, &from, &to);
  if (m == NULL) return NULL;
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t first = (from + page - 1) & ~(page - 1), end = to & ~(page - 1);
  if (end > first) madvise(m->data + first, end - first, MADV_DONTNEED);
  return NULL;
}
