#!/bin/sh
# Builds linkguard's optional native prober when the package is installed (npm ci). It never
# fails the install: without a C compiler, make, python3 or Node's headers, the probers use
# ping and arping instead, and `linkguard watch` says so when it starts. Nothing is
# downloaded: node-gyp is pointed at the headers of the Node that runs the install.
cd "$(dirname "$0")" || exit 0
nodedir=${npm_config_nodedir:-$(node -p 'require("path").resolve(process.execPath, "../..")')}
fallback="probes will use ping/arping (docs/watch.md, Native prober)"
if [ ! -f "$nodedir/include/node/node_api.h" ]; then
  echo "linkguard: native prober not built: no Node headers in $nodedir/include/node; $fallback" >&2
  exit 0
fi
if [ -n "$npm_config_node_gyp" ]; then
  set -- node "$npm_config_node_gyp"
else
  set -- node-gyp
fi
if "$@" rebuild --nodedir="$nodedir" >build.log 2>&1; then
  echo "linkguard: native prober built (native/prober/build/Release/linkguard_prober.node)"
else
  reason=$( (grep -m1 -E "error:|not found|No such file" build.log || grep -m1 "ERR!" build.log) | cut -c1-200)
  echo "linkguard: native prober not built: ${reason:-see native/prober/build.log}; $fallback" >&2
fi
exit 0
