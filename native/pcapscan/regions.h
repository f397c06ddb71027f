/* regions.c: regions of a classic pcap scanned on threads of their own. */
#ifndef LINKGUARD_PCAPSCAN_REGIONS_H
#define LINKGUARD_PCAPSCAN_REGIONS_H

#include <node_api.h>

napi_value regions_start(napi_env env, napi_callback_info info);
napi_value region_end(napi_env env, napi_callback_info info);

/* pcapscan.c: a scan state as the handle traffic() and storms() take. */
napi_value scan_handle(napi_env env, void *scan);

#endif
