import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeFrame } from "../../pcap/decode/dispatch.js";
import { packetOf } from "../../pcap/packet.js";
import { hostPorts } from "./members.js";
import { Transmitter } from "./transmitter.js";

const links = [
  { ifname: "eno1", address: "3c:fd:fe:10:20:01", master: "bond0" },
  { ifname: "eno2", address: "3c:fd:fe:10:20:01", permaddr: "3c:fd:fe:10:20:02", master: "bond0" },
];

function rig() {
  const sent: Array<{ ifname: string; src: string; pdu: ReturnType<typeof lldp> }> = [];
  let tick: (() => void) | null = null;
  let stopped = false;
  const ports = hostPorts(links, ["eno1", "eno2"]);
  const t = new Transmitter({
    host: { hostname: "web01", chassisMac: ports[0]?.mac ?? "", description: "linkguard watch" },
    ports,
    send: (ifname, frame) =>
      sent.push({
        ifname,
        src: Buffer.from(frame.subarray(6, 12)).toString("hex"),
        pdu: lldp(frame),
      }),
    every: (ms, fn) => {
      assert.equal(ms, 30_000);
      tick = fn;
      return {
        stop: () => {
          stopped = true;
        },
      };
    },
  });
  return { t, sent, tick: () => tick?.(), stopped: () => stopped };
}

function lldp(frame: Uint8Array) {
  const p = decodeFrame(packetOf(frame, { ts: 1, index: 1 })).payload;
  return p?.kind === "lldp" ? p : assert.fail("not an LLDPDU");
}

test("lldp.transmit announces the host on every member at once and every 30 s, from the member's own MAC", () => {
  const r = rig();
  r.t.start();
  r.tick();
  assert.deepEqual(
    r.sent.map((s) => [s.ifname, s.src, s.pdu.portId?.value, s.pdu.ttl]),
    [
      ["eno1", "3cfdfe102001", "eno1", 121],
      ["eno2", "3cfdfe102002", "eno2", 121],
      ["eno1", "3cfdfe102001", "eno1", 121],
      ["eno2", "3cfdfe102002", "eno2", 121],
    ],
  );
  const first = r.sent[0]?.pdu;
  assert.equal(first?.systemName, "web01");
  assert.equal(first?.chassisId?.value, "3c:fd:fe:10:20:01");
  assert.equal(first?.portDescription, "eno1 (member of bond0)");
  assert.deepEqual(first?.capabilities?.enabled, ["station"]);
});

test("stopping sends the shutdown LLDPDU (TTL 0) on every member, once", () => {
  const r = rig();
  r.t.start();
  r.t.stop();
  r.t.stop();
  assert.ok(r.stopped());
  assert.deepEqual(
    r.sent.slice(2).map((s) => [s.ifname, s.pdu.ttl]),
    [
      ["eno1", 0],
      ["eno2", 0],
    ],
  );
});

test("hostPorts leaves out members without a MAC it can send from", () => {
  assert.deepEqual(hostPorts([{ ifname: "tun0" }, ...links], ["tun0", "eno1"]), [
    { ifname: "eno1", mac: "3c:fd:fe:10:20:01", memberOf: "bond0" },
  ]);
});
