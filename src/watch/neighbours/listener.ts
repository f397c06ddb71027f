// Listening for the switch's LLDP and CDP frames on one member, the fallback where the native
// prober's packet sockets cannot run (native-listener.ts): a `tcpdump -w -` with a BPF filter
// for just those frames feeds the capture parser and the decoders. Passive: it sends nothing. Not promiscuous (`-p`): instead the two discovery
// multicast addresses are added to the member (as lldpd does) and removed again on stop.
// A dead tcpdump is restarted with back-off and reported, never a crash.
import { type ChildProcess, spawn } from "node:child_process";
import { run } from "../../host/exec.js";
import { decodeFrame } from "../../pcap/decode/dispatch.js";
import { CaptureParser } from "../../pcap/parser.js";
import type { HeardNeighbour } from "../detect/neighbours.js";
import { heardNeighbour } from "./heard.js";

/** IEEE 802.1AB-2016 7.1 nearest bridge group address, and CDP's (Cisco) address. */
const LLDP_MULTICAST = "01:80:c2:00:00:0e";
const CDP_MULTICAST = "01:00:0c:cc:cc:cc";
export const NEIGHBOUR_FILTER = `ether proto 0x88cc or ether dst ${CDP_MULTICAST}`;

/**
 * tcpdump's arguments: received frames only (`-Q in`: the host's own LLDP, from lldpd or
 * `lldp.transmit`, is not a neighbour), the filter after `--` so nothing in it is an option.
 */
export function tcpdumpArgs(ifname: string): string[] {
  return [
    "-i",
    ifname,
    "-p",
    "-Q",
    "in",
    "-U",
    "-n",
    "-s",
    "1514",
    "-w",
    "-",
    "--",
    NEIGHBOUR_FILTER,
  ];
}

export interface ListenerOptions {
  /** The command that writes the member's frames as a capture to stdout (tests: `cat FILE`). */
  command?: readonly string[];
  /** Add the multicast addresses to the member (default true; off for tests without root). */
  multicast?: boolean;
}

export interface ListenerCallbacks {
  heard(n: HeardNeighbour): void;
  problem(message: string): void;
}

export class NeighbourListener {
  private child: ChildProcess | null = null;
  private stopped = false;
  private restartMs = 1000;
  private timer: NodeJS.Timeout | null = null;
  private added: string[] = [];

  constructor(
    readonly ifname: string,
    private readonly cb: ListenerCallbacks,
    private readonly opts: ListenerOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    if (this.opts.multicast !== false) await this.joinMulticast();
    this.spawn();
  }

  /** `ip maddr add` for the addresses the member does not listen to yet. */
  private async joinMulticast(): Promise<void> {
    let present = "";
    try {
      present = await run(["ip", "maddr", "show", "dev", this.ifname], { timeoutMs: 2000 });
    } catch (err) {
      this.cb.problem(`neighbours on ${this.ifname}: ${(err as Error).message}`);
      return;
    }
    for (const mac of [LLDP_MULTICAST, CDP_MULTICAST]) {
      if (present.includes(mac)) continue;
      try {
        await run(["ip", "maddr", "add", mac, "dev", this.ifname], { timeoutMs: 2000 });
        this.added.push(mac);
      } catch (err) {
        this.cb.problem(`neighbours on ${this.ifname}: ${(err as Error).message}`);
      }
    }
  }

  private spawn(): void {
    const [file, ...args] = this.opts.command ?? ["tcpdump", ...tcpdumpArgs(this.ifname)];
    const child = spawn(file as string, args, { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const parser = new CaptureParser((p) => {
      this.restartMs = 1000;
      const n = heardNeighbour(this.ifname, decodeFrame(p));
      if (n) this.cb.heard(n);
    });
    child.stdout?.on("data", (chunk: Buffer) => parser.push(chunk));
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-400);
    });
    child.on("error", (err) => this.cb.problem(`neighbours on ${this.ifname}: ${err.message}`));
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.stopped) return;
      const why = stderr
        .trim()
        .split("\n")
        .filter((l) => !/listening on|^tcpdump: verbose/.test(l))
        .pop();
      this.cb.problem(
        `neighbours on ${this.ifname}: ${file} exited (${signal ?? code})${why ? `: ${why}` : ""}; restarting in ${this.restartMs / 1000} s`,
      );
      this.timer = setTimeout(() => this.spawn(), this.restartMs);
      this.restartMs = Math.min(this.restartMs * 2, 60_000);
    });
  }

  /** Stops tcpdump and removes the multicast addresses this listener added. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill("SIGTERM");
    this.child = null;
    const added = this.added;
    this.added = [];
    for (const mac of added)
      await run(["ip", "maddr", "del", mac, "dev", this.ifname], { timeoutMs: 2000 }).catch(
        (err: Error) => this.cb.problem(`neighbours on ${this.ifname}: ${err.message}`),
      );
  }
}
