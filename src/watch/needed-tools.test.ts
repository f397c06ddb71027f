import assert from "node:assert/strict";
import { test } from "node:test";
import type { ProbePath } from "../runtime/prober.js";
import { neededTools, neighbourTools } from "./needed-tools.js";

const icmp: ProbePath = { ifname: "eth0", target: "10.0.0.1", kind: "icmp" };
const arp: ProbePath = { ifname: "eth0", target: "10.0.0.1", kind: "arp" };

test("the native prober needs neither ping nor arping", () => {
  assert.deepEqual(neededTools("native", [icmp, arp], []), []);
});

test("the fallback needs ping for ICMP paths and arping with stdbuf for ARP paths, only those", () => {
  assert.deepEqual(neededTools("ping", [icmp], []), ["ping"]);
  assert.deepEqual(neededTools("ping", [arp], []), ["arping", "stdbuf"]);
  assert.deepEqual(neededTools("ping", [icmp, arp], []), ["ping", "arping", "stdbuf"]);
  assert.deepEqual(neededTools("ping", [], []), []);
});

test("capturing on any interface needs tcpdump, whatever the prober", () => {
  assert.deepEqual(neededTools("native", [icmp], ["eth0"]), ["tcpdump"]);
});

test("LLDP/CDP listening needs tcpdump only without the native packet sockets", () => {
  assert.deepEqual(neighbourTools("native"), []);
  assert.deepEqual(neighbourTools("tcpdump"), ["tcpdump"]);
});
