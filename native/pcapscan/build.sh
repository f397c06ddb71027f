#!/bin/sh
# Builds linkguard's optional native pcap scan when the package is installed (npm ci). It never
# fails the install: without a C compiler, make, python3 or Node's headers, `linkguard pcap`
# reads with its JavaScript reader instead (the same reports, slower; docs/pcap.md, Native
# scan). Nothing is downloaded: node-gyp is pointed at the headers of the Node that runs the
# install.
cd "$(dirname "$0")" || exit 0
nodedir=${npm_config_nodedir:-$(node -p 'require("path").resolve(process.execPath, "../..")')}
fallback="pcap will use its JavaScript reader (docs/pcap.md, Native scan)"
if [ ! -f "$nodedir/include/node/node_api.h" ]; then
  echo "linkguard: native pcap scan not built: no Node headers in $nodedir/include/node; $fallback" >&2
  exit 0
fi
if [ -n "$npm_config_node_gyp" ]; then
  set -- node "$npm_config_node_gyp"
else
  set -- node-gyp
fi
if "$@" rebuild --nodedir="$nodedir" >build.log 2>&1; then
  echo "linkguard: native pcap scan built (native/pcapscan/build/Release/linkguard_pcapscan.node)"
else
  reason=$( (grep -m1 -E "error:|not found|No such file" build.log || grep -m1 "ERR!" build.log) | cut -c1-200)
  echo "linkguard: native pcap scan not built: ${reason:-see native/pcapscan/build.log}; $fallback" >&2
fi
exit 0
