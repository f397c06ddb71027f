import assert from "node:assert/strict";
import { test } from "node:test";
import { splitIproute2Noise } from "./iproute2-noise.js";

test("splitIproute2Noise blanks iproute2's own stderr lines and keeps line numbers", () => {
  const text =
    'Message truncated\n[{"ifname":"bond0"}]\nDump was interrupted and may be inconsistent.\n';
  const out = splitIproute2Noise(text);
  assert.equal(out.text, '\n[{"ifname":"bond0"}]\n\n');
  assert.deepEqual(out.noise, [
    { line: 1, text: "Message truncated" },
    { line: 3, text: "Dump was interrupted and may be inconsistent." },
  ]);
});

test("splitIproute2Noise leaves real output alone", () => {
  const text =
    "2: eno1: <BROADCAST,MULTICAST,SLAVE,UP,LOWER_UP> mtu 1500\n    link/ether 24:6e:96:3a:10:f0\n";
  assert.deepEqual(splitIproute2Noise(text), { text, noise: [] });
});
