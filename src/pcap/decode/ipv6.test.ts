import assert from "node:assert/strict";
import { test } from "node:test";
import { ipv6Text } from "../addresses.js";
import { ByteCursor } from "../cursor.js";
import { decodeIpv6 } from "./ipv6.js";

const src = [0xfe, 0x80, ...new Array(13).fill(0), 1];
const dst = [0xff, 0x02, ...new Array(13).fill(0), 1];

test("decodeIpv6 reads addresses and walks extension headers to the upper protocol", () => {
  const hopByHop = [58, 0, 5, 2, 0, 0, 1, 0]; // next header ICMPv6, 8 bytes (router alert)
  const payload = [135, 0, 0, 0];
  const bytes = Uint8Array.from([
    0x60,
    0,
    0,
    0,
    0,
    hopByHop.length + payload.length,
    0,
    255,
    ...src,
    ...dst,
    ...hopByHop,
    ...payload,
  ]);
  const ip = decodeIpv6(new ByteCursor(bytes));
  assert.equal(ip.kind, "ipv6");
  if (ip.kind !== "ipv6") return;
  assert.deepEqual(
    [ipv6Text(ip.src), ipv6Text(ip.dst), ip.protocol, ip.hopLimit],
    ["fe80::1", "ff02::1", 58, 255],
  );
  assert.deepEqual([ip.payloadOffset, ip.payloadLength, ip.truncated], [48, 4, false]);
});

test("decodeIpv6 refuses another IP version and reports a header cut short", () => {
  const m = decodeIpv6(new ByteCursor(Uint8Array.from([0x45, ...new Array(39).fill(0)])));
  assert.equal(m.kind === "malformed" && m.field, "ipv6 version");
  const cut = decodeIpv6(new ByteCursor(Uint8Array.from([0x60, 0, 0, 0, 0, 0, 58, 1, ...src])));
  assert.equal(cut.kind === "malformed" && cut.truncated, true);
});
