import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bytesText,
  hexColon,
  ianaAddressText,
  ipv4Text,
  ipv6Text,
  isGroupMac,
  macNumber,
  macText,
} from "./addresses.js";

test("macText and macNumber are inverse; the group bit marks broadcast and multicast", () => {
  for (const m of [
    "00:00:00:00:00:00",
    "00:1b:21:0a:0b:0c",
    "ff:ff:ff:ff:ff:ff",
    "01:80:c2:00:00:02",
  ]) {
    assert.equal(macText(macNumber(m)), m);
  }
  assert.ok(Number.isNaN(macNumber("00:1b:21")));
  assert.deepEqual(
    ["ff:ff:ff:ff:ff:ff", "01:80:c2:00:00:0e", "00:1b:21:0a:0b:0c"].map((m) =>
      isGroupMac(macNumber(m)),
    ),
    [true, true, false],
  );
});

test("ipv6Text follows RFC 5952: lower case, the longest zero run as ::, no :: for one group", () => {
  const b = (...g: number[]) => Uint8Array.from(g.flatMap((x) => [x >> 8, x & 0xff]));
  assert.equal(ipv6Text(b(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), "2001:db8::1");
  assert.equal(ipv6Text(b(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)), "2001:db8:0:1:1:1:1:1");
  assert.equal(ipv6Text(b(0x2001, 0, 0, 1, 0, 0, 0, 1)), "2001:0:0:1::1");
  assert.equal(ipv6Text(b(0, 0, 0, 0, 0, 0, 0, 0)), "::");
  assert.equal(
    ipv6Text(b(0xfe80, 0, 0, 0, 0x20c, 0x42ff, 0xfe5e, 0xc2dc)),
    "fe80::20c:42ff:fe5e:c2dc",
  );
});

test("ipv4Text, hexColon, ianaAddressText and bytesText", () => {
  assert.equal(ipv4Text(0xc0000201), "192.0.2.1");
  assert.equal(hexColon(Uint8Array.of(0, 0xab, 0x1)), "00:ab:01");
  assert.equal(ianaAddressText(1, Uint8Array.of(10, 0, 0, 1)), "10.0.0.1");
  assert.equal(ianaAddressText(6, Uint8Array.of(0, 1, 2, 3, 4, 5)), "00:01:02:03:04:05");
  assert.equal(bytesText(Uint8Array.of(0x47, 0x69, 0xc3, 0xa9)), "Gié");
  assert.equal(bytesText(Uint8Array.of(0x47, 0xe9)), "Gé", "not UTF-8: Latin-1");
});
