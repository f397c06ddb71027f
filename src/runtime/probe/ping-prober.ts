// The fallback prober: a long-lived iputils `ping` (ICMP echo) or `arping` (ARP) per path,
// never a process per probe. A prober that dies (interface removed, tool missing) is
// restarted with back-off; that is never fatal. ARP probes are whole seconds (arping -i).
import { type ChildProcess, spawn } from "node:child_process";
import { onLines } from "../lines.js";
import { LossClock, PING_PRELOAD } from "../loss-clock.js";
import { parseArpingLine } from "../parse/arping.js";
import { parsePingLine } from "../parse/ping.js";
import { assertProbePath, type PathProber, type ProbePath, type ProberCallbacks } from "./path.js";

export class PingProber implements PathProber {
  private child: ChildProcess | null = null;
  private stopped = false;
  private restartMs = 500;
  private timer: NodeJS.Timeout | null = null;
  private arpTick: NodeJS.Timeout | null = null;
  private arpAnswered: { rtt_ms: number } | null = null;
  private seq = 0;
  private clock: LossClock;
  private overdue: NodeJS.Timeout | null = null;

  constructor(
    readonly path: ProbePath,
    private readonly intervalMs: number,
    private readonly cb: ProberCallbacks,
  ) {
    assertProbePath(path);
    this.clock = new LossClock(intervalMs);
  }

  start(): void {
    this.stopped = false;
    this.spawnChild();
  }

  private argv(): string[] {
    const { ifname, target } = this.path;
    if (this.path.kind === "icmp") {
      const wait = Math.max(1, Math.ceil((this.intervalMs * 3) / 1000));
      // From 10 ms up, iputils ping waits for the next send in a receive timeout that the
      // kernel rounds to whole jiffies: asked for 12 ms it probes every 16-20 ms here (14 ms:
      // 20-22 ms), and five lost probes take a third longer than configured. A preload of
      // 2 lets it send a late probe's successor early, so it keeps the asked spacing on
      // average (12.4 ms measured for 12 ms).
      return [
        "ping",
        "-n",
        "-O",
        "-D",
        "-l",
        String(PING_PRELOAD),
        "-i",
        (this.intervalMs / 1000).toFixed(3),
        "-W",
        String(wait),
        "-I",
        ifname,
        target,
      ];
    }
    // arping takes whole seconds only; stdbuf keeps its output line by line on a pipe.
    const secs = String(Math.max(1, Math.round(this.intervalMs / 1000)));
    return ["stdbuf", "-oL", "arping", "-b", "-I", ifname, "-i", secs, target];
  }

  private spawnChild(): void {
    const [file, ...args] = this.argv();
    const child = spawn(file as string, args, { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.on("error", (err) => this.cb.problem?.(`${file}: ${err.message}`));
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-500);
    });
    onLines(child.stdout, (line) =>
      this.path.kind === "icmp" ? this.onPing(line) : this.onArping(line),
    );
    if (this.path.kind === "arp") this.startArpTicks();
    child.on("exit", (code, signal) => {
      if (this.arpTick) clearInterval(this.arpTick);
      this.child = null;
      if (this.stopped) return;
      this.cb.problem?.(
        `${file} via ${this.path.ifname} to ${this.path.target} exited (${signal ?? code}): ${stderr.trim().split("\n").pop() ?? ""}`,
      );
      this.timer = setTimeout(() => this.spawnChild(), this.restartMs);
      this.restartMs = Math.min(this.restartMs * 2, 30_000);
    });
  }

  private onPing(line: string): void {
    const p = parsePingLine(line);
    if (p.type === "other") return;
    this.restartMs = 500;
    const now = Date.now();
    if (p.type === "reply") {
      this.clock.reply(p.seq, now);
      this.report(p.seq, true, p.rtt_ms, now);
      this.armOverdue();
    } else for (const seq of this.clock.lostLine(p.seq, now)) this.report(seq, false, null, now);
  }

  private report(seq: number, ok: boolean, rtt_ms: number | null, t_ms: number): void {
    const { ifname, target, kind } = this.path;
    this.cb.result({ t_ms, ifname, target, kind, seq, ok, rtt_ms });
  }

  /** One timer per path: fires when the next answer is overdue, then once per spacing. */
  private armOverdue(): void {
    if (this.overdue) clearTimeout(this.overdue);
    const due = this.clock.deadline();
    if (due === null || this.stopped) return;
    this.overdue = setTimeout(
      // After the poll phase: an answer already waiting in the pipe (node was busy) is read
      // before the probe is called lost.
      () =>
        setImmediate(() => {
          if (this.stopped) return;
          const now = Date.now();
          const seq = this.clock.overdue(now);
          if (seq !== null) this.report(seq, false, null, now);
          this.armOverdue();
        }),
      Math.max(0, due - Date.now()),
    );
  }

  private onArping(line: string): void {
    const r = parseArpingLine(line);
    if (!r) return;
    this.arpAnswered = { rtt_ms: r.rtt_ms };
    this.cb.arpReply?.(Date.now(), this.path.ifname, this.path.target, r.mac);
  }

  /** arping does not report losses: a probe interval without any reply is one. */
  private startArpTicks(): void {
    const period = Math.max(1000, Math.round(this.intervalMs / 1000) * 1000);
    this.arpTick = setInterval(() => {
      const { ifname, target, kind } = this.path;
      const a = this.arpAnswered;
      this.arpAnswered = null;
      this.cb.result({
        t_ms: Date.now(),
        ifname,
        target,
        kind,
        seq: ++this.seq,
        ok: a !== null,
        rtt_ms: a?.rtt_ms ?? null,
      });
    }, period);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.arpTick) clearInterval(this.arpTick);
    if (this.overdue) clearTimeout(this.overdue);
    this.child?.kill("SIGTERM");
    this.child = null;
  }
}
