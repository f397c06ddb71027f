import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../../test/support/paths.js";
import { addressReader, parseAddressList } from "./addresses.js";

// `ip -d -j address` as a real 6.1 kernel printed it (the VM lab's member-cut scenario).
const REAL = readFileSync(
  join(
    REPO_ROOT,
    "test/fixtures/real-kernel/member-cut-active-backup-root/sos_commands/networking/ip_-d_-j_address",
  ),
  "utf8",
);

test("parseAddressList lists every local address, IPv4 and IPv6, of the devices shown", () => {
  assert.deepEqual(parseAddressList(REAL), [
    "127.0.0.1",
    "::1",
    "10.77.0.10",
    "fe80::5054:ff:fe4c:0",
  ]);
  assert.deepEqual(parseAddressList(""), [], "a device with nothing to show");
});

test("the read-back asks ip for the one device", async () => {
  const ran: string[][] = [];
  const read = addressReader(async (argv) => {
    ran.push([...argv]);
    return "[]";
  });
  assert.deepEqual(await read("eth1"), []);
  assert.deepEqual(ran, [["ip", "-j", "address", "show", "dev", "eth1"]]);
});
