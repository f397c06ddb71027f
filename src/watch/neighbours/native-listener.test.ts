import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CORPUS } from "../../../test/support/paths.js";
import { decodeFrame } from "../../pcap/decode/dispatch.js";
import { CaptureParser } from "../../pcap/parser.js";
import type { NativeSocket } from "../../runtime/probe/native-addon.js";
import type { HeardNeighbour } from "../detect/neighbours.js";
import { heardNeighbour } from "./heard.js";
import { NativeNeighbourListener, neighbourFromFrame } from "./native-listener.js";

/** The real capture's frames as a packet socket hands them out: bytes and time in ms. */
function corpusFrames(): { bytes: Buffer; tMs: number; viaCapture: HeardNeighbour | undefined }[] {
  const out: { bytes: Buffer; tMs: number; viaCapture: HeardNeighbour | undefined }[] = [];
  const parser = new CaptureParser((p) => {
    const bytes = Buffer.from(p.chunk.subarray(p.offset, p.offset + p.capturedLength));
    out.push({ bytes, tMs: p.ts * 1000, viaCapture: heardNeighbour("eno1", decodeFrame(p)) });
  });
  parser.push(readFileSync(join(CORPUS, "pcap/lldp-and-cdp-cisco-3560.pcap")));
  return out;
}

test("neighbourFromFrame gives the same neighbour as the tcpdump path for every frame of a real capture", () => {
  const frames = corpusFrames();
  assert.ok(frames.length >= 12);
  for (const f of frames)
    assert.deepEqual(neighbourFromFrame("eno1", f.bytes, f.tMs), f.viaCapture);
  assert.equal(frames.filter((f) => f.viaCapture !== undefined).length, 12);
});

test("NativeNeighbourListener joins the groups, decodes each frame from its socket, and closes it at stop", async () => {
  const opened: { ifname: string; join: boolean }[] = [];
  let deliver: (b: Buffer, t: number) => void = () => {};
  let closed = 0;
  const socket = {} as NativeSocket;
  const addon = {
    openNeighbours(ifname: string, join: boolean, onFrame: (b: Buffer, t: number) => void) {
      opened.push({ ifname, join });
      deliver = onFrame;
      return socket;
    },
    close(s: NativeSocket) {
      assert.equal(s, socket);
      closed++;
    },
  };
  const heard: HeardNeighbour[] = [];
  const problems: string[] = [];
  const l = new NativeNeighbourListener(addon, "eno1", {
    heard: (n) => heard.push(n),
    problem: (m) => problems.push(m),
  });
  await l.start();
  assert.deepEqual(opened, [{ ifname: "eno1", join: true }]);
  for (const f of corpusFrames()) deliver(f.bytes, f.tMs);
  await l.stop();
  assert.equal(closed, 1);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    [...new Set(heard.map((n) => `${n.protocol} ${n.systemName} ${n.portId}`))].sort(),
    [
      "cdp S1 FastEthernet0/13",
      "cdp S2 GigabitEthernet0/13",
      "lldp S1.cisco.com Fa0/13",
      "lldp S2.cisco.com Uplink to S1",
    ],
  );
  assert.ok(heard.every((n) => n.ifname === "eno1" && n.heardMs > 1_285_000_000_000));
});

test("NativeNeighbourListener reports a socket it cannot open, and does not throw", async () => {
  const problems: string[] = [];
  const l = new NativeNeighbourListener(
    {
      openNeighbours: () => {
        throw new Error("eno9: No such device");
      },
      close: () => {},
    },
    "eno9",
    { heard: () => {}, problem: (m) => problems.push(m) },
  );
  await l.start();
  await l.stop();
  assert.deepEqual(problems, ["neighbours on eno9: eno9: No such device"]);
});
