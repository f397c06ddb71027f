import assert from "node:assert/strict";
import { test } from "node:test";
import { renderVmInit } from "./vm.js";

test("renderVmInit names the VM and starts the agent with the host's node", () => {
  const init = renderVmInit("server", "/usr/bin/node", "/opt/linkguard/dist/src/lab/vm/agent.js");
  assert.match(init, /^hostname server$/m);
  assert.match(init, /^mount --bind \/tmp\/lg\/hostname \/etc\/hostname$/m);
  assert.match(init, /^\/usr\/bin\/node \/opt\/linkguard\/dist\/src\/lab\/vm\/agent\.js$/m);
});

test("renderVmInit refuses a hostname or path that could reach the shell", () => {
  assert.throws(() => renderVmInit("server;reboot", "/usr/bin/node", "/a.js"), /bad VM hostname/);
  assert.throws(() => renderVmInit("server", "/usr/bin/node $(id)", "/a.js"), /bad path/);
});

test("renderVmInit refuses a checkout under a folder the VM mounts afresh (/tmp, /run, /dev/shm)", () => {
  assert.throws(
    () => renderVmInit("server", "/usr/bin/node", "/tmp/x/linkguard/dist/src/lab/vm/agent.js"),
    /is under \/tmp, which the VM mounts afresh .* put this checkout \(and node\) elsewhere/,
  );
  assert.doesNotThrow(() =>
    renderVmInit("server", "/usr/bin/node", "/var/tmp/x/linkguard/dist/src/lab/vm/agent.js"),
  );
  assert.doesNotThrow(() => renderVmInit("server", "/usr/bin/node", "/tmpfoo/agent.js"));
});
