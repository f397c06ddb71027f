/* map.c: a regular file mapped read-only, as an ArrayBuffer (for the reader's chunks). */
#ifndef LINKGUARD_PCAPSCAN_MAP_H
#define LINKGUARD_PCAPSCAN_MAP_H

#include <node_api.h>

napi_value map_file(napi_env env, napi_callback_info info);
napi_value prefetch_pages(napi_env env, napi_callback_info info);
napi_value release_pages(napi_env env, napi_callback_info info);

#endif
