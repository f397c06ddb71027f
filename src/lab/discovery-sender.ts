// A lab switch port that announces itself: LLDP and/or CDP frames (discovery-frames.ts) sent
// out of the bridge port toward the host, every interval, for at most `maxSeconds`, through
// the watcher's frame sender run inside the switch's namespace.
import { PacketSender } from "../watch/neighbours/packet-sender.js";
import { cdpAnnouncement, lldpAnnouncement, type PortAnnouncement } from "./discovery-frames.js";
import type { Lab } from "./lab.js";
import { assertLabIfname, switchPortName } from "./names.js";

export interface SenderSpec {
  /** The cable, "host:ifname": frames go out of its switch port toward the host. */
  link: string;
  announce: PortAnnouncement;
  protocols: ReadonlyArray<"lldp" | "cdp">;
  intervalMs: number;
}

export interface RunningSender {
  /** Stops sending; resolves once the helper has ended. */
  stop(): Promise<void>;
}

/** Sends at once, then every interval, until stopped (or `maxSeconds` passed). */
export function startSender(
  lab: Lab,
  spec: SenderSpec,
  problem: (message: string) => void = () => undefined,
  maxSeconds = 600,
): RunningSender {
  const [host, ifname] = spec.link.split(":");
  const iface = lab.topology.hosts
    .find((h) => h.name === host)
    ?.interfaces.find((i) => i.name === ifname);
  if (!host || !ifname || !iface) throw new Error(`lab ${lab.id} has no link "${spec.link}"`);
  const port = switchPortName(host, ifname);
  assertLabIfname(port);
  const frames = spec.protocols.map((p) =>
    p === "lldp" ? lldpAnnouncement(spec.announce) : cdpAnnouncement(spec.announce),
  );
  const sender = new PacketSender(problem, ["ip", "netns", "exec", lab.ns(iface.switch)]);
  const sendAll = () => {
    for (const f of frames) sender.send(port, f);
  };
  sendAll();
  const timer = setInterval(sendAll, spec.intervalMs);
  const end = setTimeout(() => void stop(), maxSeconds * 1000);
  end.unref();
  let stopping: Promise<void> | null = null;
  function stop(): Promise<void> {
    clearInterval(timer);
    clearTimeout(end);
    stopping ??= sender.close();
    return stopping;
  }
  return { stop };
}
