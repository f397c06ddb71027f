import assert from "node:assert/strict";
import { test } from "node:test";
import { ipv4Packet, udp } from "../../../test/pcap-frames.js";
import { ipv4Text } from "../addresses.js";
import { ByteCursor } from "../cursor.js";
import { decodeIpv4 } from "./ipv4.js";

test("decodeIpv4 reads addresses, protocol, TTL and where the payload is", () => {
  const ip = decodeIpv4(
    new ByteCursor(ipv4Packet("10.0.0.1", "192.0.2.7", 17, udp(1, 53, new Uint8Array(12)))),
  );
  assert.equal(ip.kind, "ipv4");
  if (ip.kind !== "ipv4") return;
  assert.deepEqual(
    [ipv4Text(ip.src), ipv4Text(ip.dst), ip.protocol, ip.ttl],
    ["10.0.0.1", "192.0.2.7", 17, 64],
  );
  assert.deepEqual(
    [ip.totalLength, ip.payloadOffset, ip.payloadLength, ip.truncated, ip.fragment],
    [40, 20, 20, false, false],
  );
});

test("decodeIpv4 flags a total length longer than the bytes present, and refuses a bad header", () => {
  const bytes = ipv4Packet("10.0.0.1", "10.0.0.2", 6, new Uint8Array(100));
  const cut = decodeIpv4(new ByteCursor(bytes, 0, 60));
  assert.equal(cut.kind === "ipv4" && cut.truncated, true);
  assert.equal(cut.kind === "ipv4" && cut.payloadLength, 40);
  const bad = bytes.slice();
  bad[0] = 0x43;
  const m = decodeIpv4(new ByteCursor(bad));
  assert.deepEqual(m.kind === "malformed" && [m.field, m.truncated], ["ipv4 ihl", false]);
});
