import assert from "node:assert/strict";
import { test } from "node:test";
import { splitToolNoise } from "./tool-noise.js";

test("splitToolNoise blanks iproute2's own stderr lines and keeps line numbers", () => {
  const text =
    'Message truncated\n[{"ifname":"bond0"}]\nDump was interrupted and may be inconsistent.\n';
  const out = splitToolNoise("ip", text);
  assert.equal(out.text, '\n[{"ifname":"bond0"}]\n\n');
  assert.deepEqual(out.noise, [
    { line: 1, text: "Message truncated" },
    { line: 3, text: "Dump was interrupted and may be inconsistent." },
  ]);
});

test("splitToolNoise leaves real output alone", () => {
  const text =
    "2: eno1: <BROADCAST,MULTICAST,SLAVE,UP,LOWER_UP> mtu 1500\n    link/ether 24:6e:96:3a:10:f0\n";
  assert.deepEqual(splitToolNoise("ip", text), { text, noise: [] });
});

test("splitToolNoise takes procps sysctl's own warnings out of sysctl -a output", () => {
  const text = [
    "net.ipv4.conf.all.arp_ignore = 0",
    'sysctl: reading key "net.ipv6.conf.all.stable_secret"',
    "sysctl: permission denied on key 'fs.protected_regular'",
    "net.ipv4.ip_forward = 1",
  ].join("\n");
  const out = splitToolNoise("sysctl", text);
  assert.equal(out.text, "net.ipv4.conf.all.arp_ignore = 0\n\n\nnet.ipv4.ip_forward = 1");
  assert.equal(out.noise.length, 2);
  assert.deepEqual(splitToolNoise("ip", text).noise, []);
});
