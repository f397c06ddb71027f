import assert from "node:assert/strict";
import { test } from "node:test";
import { webGroup } from "../../test/support/mpath-group.js";
import type { GroupEngine } from "./engine.js";
import { MpathMetrics, metricsListen } from "./metrics.js";

const web = () => webGroup({ probing: false });

/** Feeds the engine as the daemon does: every move action is counted. */
function stepCounted(g: GroupEngine, m: MpathMetrics, input: Parameters<GroupEngine["step"]>[0]) {
  for (const a of g.step(input)) if (a.type === "move") m.move(g.cfg.name, a.reason, true);
}

const line = (text: string, series: string) =>
  text.split("\n").find((l) => l.startsWith(`${series} `));

test("a healthy group reads 0, every member up, no failovers yet", async () => {
  const g = web();
  const text = await new MpathMetrics(() => [g.status()]).registry.metrics();
  assert.equal(
    line(text, 'linkguard_mpath_group_state{group="web"}'),
    'linkguard_mpath_group_state{group="web"} 0',
  );
  assert.equal(
    line(text, 'linkguard_mpath_member_up{group="web",member="eth0"}')?.endsWith(" 1"),
    true,
  );
  // Present at 0 from the start, so increase() sees the first failover.
  assert.equal(line(text, 'linkguard_mpath_failovers_total{group="web"}')?.endsWith(" 0"), true);
  assert.match(text, /^linkguard_mpath_up 1$/m);
});

test("a member's link loss reads degraded (1), that member down, one failover", async () => {
  const g = web();
  const m = new MpathMetrics(() => [g.status()]);
  stepCounted(g, m, { type: "link", member: "eth0", up: false, t: 100 });
  const text = await m.registry.metrics();
  assert.match(text, /^linkguard_mpath_group_state\{group="web"\} 1$/m);
  assert.match(text, /^linkguard_mpath_member_up\{group="web",member="eth0"\} 0$/m);
  assert.match(text, /^linkguard_mpath_member_up\{group="web",member="eth1"\} 1$/m);
  assert.match(text, /^linkguard_mpath_failovers_total\{group="web"\} 1$/m);
});

test("every member lost reads failed (2); repair and failback are counted apart", async () => {
  const g = web();
  const m = new MpathMetrics(() => [g.status()]);
  stepCounted(g, m, { type: "link", member: "eth0", up: false, t: 100 });
  stepCounted(g, m, { type: "link", member: "eth1", up: false, t: 200 });
  assert.match(await m.registry.metrics(), /^linkguard_mpath_group_state\{group="web"\} 2$/m);
  stepCounted(g, m, { type: "link", member: "eth0", up: true, t: 300 });
  stepCounted(g, m, { type: "link", member: "eth1", up: true, t: 400 });
  const text = await m.registry.metrics();
  assert.match(text, /^linkguard_mpath_group_state\{group="web"\} 0$/m);
  assert.match(text, /^linkguard_mpath_failovers_total\{group="web"\} 1$/m);
  assert.match(text, /^linkguard_mpath_failbacks_total\{group="web"\} 1$/m);
});

test("a move that failed counts as a move failure, not as a failover", async () => {
  const g = web();
  const m = new MpathMetrics(() => [g.status()]);
  for (const a of g.step({ type: "link", member: "eth0", up: false, t: 100 }))
    if (a.type === "move") m.move(g.cfg.name, a.reason, false);
  const text = await m.registry.metrics();
  assert.match(text, /^linkguard_mpath_failovers_total\{group="web"\} 0$/m);
  assert.match(text, /^linkguard_mpath_move_failures_total\{group="web"\} 1$/m);
});

test("--metrics defaults to loopback port 9471; off and false disable it", () => {
  assert.equal(metricsListen(undefined), "127.0.0.1:9471");
  assert.equal(metricsListen("off"), null);
  assert.equal(metricsListen("false"), null);
  assert.equal(metricsListen("[::1]:9555"), "[::1]:9555");
});

test("linkguard_prober_info names the prober that runs (native or ping)", async () => {
  const text = await new MpathMetrics(() => [], "ping").registry.metrics();
  assert.match(text, /^linkguard_prober_info\{prober="ping"\} 1$/m);
});
