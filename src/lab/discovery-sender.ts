// A lab switch port that announces itself: LLDP and/or CDP frames (discovery-frames.ts) sent
// out of the bridge port toward the host, every interval, for at most `maxSeconds`. Node has
// no AF_PACKET socket, so a few lines of Python send the bytes built here.
import { type ChildProcess, spawn } from "node:child_process";
import { cdpAnnouncement, lldpAnnouncement, type PortAnnouncement } from "./discovery-frames.js";
import type { Lab } from "./lab.js";
import { assertLabIfname, switchPortName } from "./names.js";

const SENDER = [
  "import socket, sys, time",
  "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
  "s.bind((sys.argv[1], 0))",
  "interval, until = float(sys.argv[2]), time.monotonic() + float(sys.argv[3])",
  "frames = [bytes.fromhex(h) for h in sys.argv[4:]]",
  "while time.monotonic() < until:",
  "    for f in frames: s.send(f)",
  "    time.sleep(interval)",
].join("\n");

export interface SenderSpec {
  /** The cable, "host:ifname": frames go out of its switch port toward the host. */
  link: string;
  announce: PortAnnouncement;
  protocols: ReadonlyArray<"lldp" | "cdp">;
  intervalMs: number;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Starts the sender in the switch's namespace; stop it with `kill()` (it also ends by itself). */
export function startSender(lab: Lab, spec: SenderSpec, maxSeconds = 600): ChildProcess {
  const [host, ifname] = spec.link.split(":");
  const iface = lab.topology.hosts
    .find((h) => h.name === host)
    ?.interfaces.find((i) => i.name === ifname);
  if (!host || !ifname || !iface) throw new Error(`lab ${lab.id} has no link "${spec.link}"`);
  const port = switchPortName(host, ifname);
  assertLabIfname(port);
  const frames = spec.protocols.map((p) =>
    hex(p === "lldp" ? lldpAnnouncement(spec.announce) : cdpAnnouncement(spec.announce)),
  );
  const args = ["netns", "exec", lab.ns(iface.switch), "python3", "-c", SENDER, port];
  args.push(String(spec.intervalMs / 1000), String(maxSeconds), ...frames);
  return spawn("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}
