#!/bin/sh
# Builds linkguard's optional native addons when the package is installed (npm ci): the prober
# (native/prober) and the pcap scan (native/pcapscan). It never fails the install: without a C
# compiler, make, python3 or Node's headers, each falls back and says so (the probers use ping
# and arping, docs/watch.md; `linkguard pcap` its JavaScript reader, the same reports slower,
# docs/pcap.md). Nothing is downloaded: node-gyp is pointed at the headers of the Node that
# runs the install.
cd "$(dirname "$0")" || exit 0
nodedir=${npm_config_nodedir:-$(node -p 'require("path").resolve(process.execPath, "../..")')}
if [ -n "$npm_config_node_gyp" ]; then
  gyp="node $npm_config_node_gyp"
else
  gyp="node-gyp"
fi

# build DIR NAME TARGET FALLBACK
build() {
  if [ ! -f "$nodedir/include/node/node_api.h" ]; then
    echo "linkguard: $2 not built: no Node headers in $nodedir/include/node; $4" >&2
    return 0
  fi
  if (cd "$1" && $gyp rebuild --nodedir="$nodedir" >build.log 2>&1); then
    echo "linkguard: $2 built (native/$1/build/Release/$3.node)"
  else
    reason=$( (grep -m1 -E "error:|not found|No such file" "$1/build.log" || grep -m1 "ERR!" "$1/build.log") | cut -c1-200)
    echo "linkguard: $2 not built: ${reason:-see native/$1/build.log}; $4" >&2
  fi
}

build prober "native prober" linkguard_prober "probes will use ping/arping (docs/watch.md, Native prober)"
build pcapscan "native pcap scan" linkguard_pcapscan "pcap will use its JavaScript reader (docs/pcap.md, Native scan)"
exit 0
