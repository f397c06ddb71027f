import assert from "node:assert/strict";
import { test } from "node:test";
import { loadOrder, modinfoDepends } from "./kernel-modules.js";

const modinfo = (...pairs: string[]) =>
  new Uint8Array(Buffer.from(`\x7fELF junk\0${pairs.join("\0")}\0more`, "latin1"));

test("modinfoDepends reads the comma list of a module's depends= string", () => {
  const ko = modinfo("license=GPL", "depends=virtio_ring,virtio,net_failover", "vermagic=6.1");
  assert.deepEqual(modinfoDepends(ko), ["virtio_ring", "virtio", "net_failover"]);
});

test("modinfoDepends gives no dependencies for an empty depends= or none at all", () => {
  assert.deepEqual(modinfoDepends(modinfo("depends=", "name=tls")), []);
  assert.deepEqual(modinfoDepends(modinfo("name=tls")), []);
});

test("loadOrder puts every module after its dependencies (bonding after tls, 9p after netfs)", () => {
  const order = loadOrder(
    new Map([
      ["bonding", ["tls"]],
      ["9p", ["9pnet", "fscache", "netfs"]],
      ["fscache", ["netfs"]],
      ["tls", []],
      ["9pnet", []],
      ["netfs", []],
    ]),
  );
  const before = (a: string, b: string) =>
    assert.ok(order.indexOf(a) < order.indexOf(b), `${a} before ${b}`);
  before("tls", "bonding");
  before("netfs", "fscache");
  before("fscache", "9p");
  before("9pnet", "9p");
  assert.equal(order.length, 6);
});

test("loadOrder refuses a dependency outside the set and a cycle", () => {
  assert.throws(() => loadOrder(new Map([["bonding", ["tls"]]])), /tls .*not in the set/);
  assert.throws(
    () =>
      loadOrder(
        new Map([
          ["a", ["b"]],
          ["b", ["a"]],
        ]),
      ),
    /cycle: a -> b -> a/,
  );
});
