// The multipathing engine, like Solaris in.mpathd: members of a group fail by link or by probes,
// data addresses move to the best healthy member (active before standby) and come back after
// repair. Pure: `step(input)` changes the group's state and returns the actions to apply;
// apply.ts does the I/O. Nothing here reads a clock.

export interface GroupConfig {
  name: string;
  members: string[];
  /** Members that hold no data addresses until an active member fails. */
  standby: string[];
  /** Home member of each data address (CIDR). */
  dataAddresses: { address: string; home: string }[];
  failback: boolean;
  /** Probes lost in a row before a member fails (in.mpathd: 5). */
  lossThreshold: number;
  /** Answered probes in a row before a failed member is repaired (in.mpathd: 10). */
  repairThreshold: number;
  /** Probe losses right after a link-up are forgiven this long (switch port in STP start-up). */
  linkUpGraceMs: number;
  /** More link-ups than this within a minute hold the member failed (flap damping). */
  maxLinkUpsPerMinute: number;
  /** Whether the group probes at all (without targets, only link state counts). */
  probing: boolean;
}

type MemberState = "active" | "standby" | "failed" | "inactive";

interface Member {
  name: string;
  standby: boolean;
  link: boolean | null;
  lostInRow: number;
  okInRow: number;
  probeFailed: boolean;
  failed: boolean;
  failedSince: number | null;
  linkUps: number[];
  graceUntil: number;
  dampedUntil: number;
}

export type Input =
  | { type: "link"; member: string; up: boolean; t: number }
  | { type: "probe"; member: string; ok: boolean; t: number }
  | { type: "tick"; t: number };

export type Action =
  | { type: "move"; address: string; from: string; to: string; reason: string; t: number }
  | {
      type: "event";
      kind: MpathEventKind;
      severity: "info" | "warning" | "critical";
      subject: string;
      detail: string;
      t: number;
    };

export type MpathEventKind =
  | "member-failed"
  | "member-repaired"
  | "group-failed"
  | "group-repaired"
  | "failover"
  | "failback";

export interface GroupStatus {
  name: string;
  state: "ok" | "degraded" | "failed";
  members: {
    name: string;
    state: MemberState;
    link: boolean | null;
    probes: "ok" | "failed" | "unknown";
  }[];
  addresses: { address: string; member: string; home: string }[];
}

export class GroupEngine {
  private readonly members = new Map<string, Member>();
  /** Where each data address lives now. */
  private readonly placement = new Map<string, string>();
  private groupFailed = false;

  constructor(readonly cfg: GroupConfig) {
    for (const name of cfg.members) {
      this.members.set(name, {
        name,
        standby: cfg.standby.includes(name),
        link: null,
        lostInRow: 0,
        okInRow: 0,
        probeFailed: false,
        failed: false,
        failedSince: null,
        linkUps: [],
        graceUntil: 0,
        dampedUntil: 0,
      });
    }
    for (const d of cfg.dataAddresses) this.placement.set(d.address, d.home);
  }

  step(input: Input): Action[] {
    const out: Action[] = [];
    if (input.type === "tick") return this.reconsider(input.t, out);
    const m = this.members.get(input.member);
    if (!m) return out;
    if (input.type === "link") {
      if (m.link === input.up) return out;
      m.link = input.up;
      if (input.up) {
        m.linkUps = m.linkUps.filter((t) => input.t - t < 60_000);
        m.linkUps.push(input.t);
        m.graceUntil = input.t + this.cfg.linkUpGraceMs;
        m.okInRow = 0;
        if (m.linkUps.length > this.cfg.maxLinkUpsPerMinute) m.dampedUntil = input.t + 60_000;
      }
    } else if (input.ok) {
      m.okInRow++;
      m.lostInRow = 0;
      if (m.probeFailed && m.okInRow >= this.cfg.repairThreshold) m.probeFailed = false;
    } else {
      m.okInRow = 0;
      m.lostInRow++;
      const forgiven = input.t < m.graceUntil && m.link === true;
      if (!forgiven && m.lostInRow >= this.cfg.lossThreshold) m.probeFailed = true;
    }
    return this.reconsider(input.t, out);
  }

  private healthy(m: Member, t: number): boolean {
    if (m.link === false || m.probeFailed) return false;
    if (t < m.dampedUntil) return false;
    // A member repaired by link alone waits for its probes when the group probes.
    if (m.failed && this.cfg.probing && m.okInRow < this.cfg.repairThreshold) return false;
    return m.link === true || m.link === null;
  }

  /** Re-evaluates every member and moves addresses where needed. */
  private reconsider(t: number, out: Action[]): Action[] {
    for (const m of this.members.values()) {
      const ok = this.healthy(m, t);
      if (!ok && !m.failed) {
        m.failed = true;
        m.failedSince = t;
        const why =
          m.link === false
            ? "link down"
            : t < m.dampedUntil
              ? "flapping"
              : `${m.lostInRow} probes lost`;
        out.push(
          this.event(
            t,
            "member-failed",
            m.standby ? "warning" : "critical",
            m.name,
            `${m.name} failed (${why})`,
          ),
        );
      } else if (ok && m.failed) {
        m.failed = false;
        m.failedSince = null;
        out.push(this.event(t, "member-repaired", "info", m.name, `${m.name} repaired`));
      }
    }
    const anyHealthy = [...this.members.values()].some((m) => !m.failed);
    if (!anyHealthy && !this.groupFailed) {
      this.groupFailed = true;
      out.push(
        this.event(
          t,
          "group-failed",
          "critical",
          this.cfg.name,
          `every member of ${this.cfg.name} failed: the addresses stay where they are`,
        ),
      );
    } else if (anyHealthy && this.groupFailed) {
      this.groupFailed = false;
      out.push(
        this.event(
          t,
          "group-repaired",
          "info",
          this.cfg.name,
          `${this.cfg.name} has a healthy member again`,
        ),
      );
    }
    for (const d of this.cfg.dataAddresses) {
      const at = this.placement.get(d.address) as string;
      const here = this.members.get(at);
      const home = this.members.get(d.home);
      if (home && !home.failed && at !== d.home && (this.cfg.failback || here?.failed)) {
        out.push(this.move(d.address, at, d.home, this.cfg.failback ? "failback" : "failover", t));
      } else if (here?.failed) {
        const to = this.best(at);
        if (to) out.push(this.move(d.address, at, to, "failover", t));
      }
    }
    return out;
  }

  /** The healthy member to take an address: active before standby, fewest addresses first. */
  private best(except: string): string | undefined {
    const load = (name: string) => [...this.placement.values()].filter((v) => v === name).length;
    const candidates = [...this.members.values()]
      .filter((m) => !m.failed && m.name !== except)
      .sort(
        (a, b) =>
          Number(a.standby) - Number(b.standby) ||
          load(a.name) - load(b.name) ||
          a.name.localeCompare(b.name),
      );
    return candidates[0]?.name;
  }

  private move(
    address: string,
    from: string,
    to: string,
    kind: "failover" | "failback",
    t: number,
  ): Action {
    this.placement.set(address, to);
    return { type: "move", address, from, to, reason: kind, t };
  }

  private event(
    t: number,
    kind: MpathEventKind,
    severity: "info" | "warning" | "critical",
    subject: string,
    detail: string,
  ): Action {
    return { type: "event", kind, severity, subject, detail, t };
  }

  status(): GroupStatus {
    const members = [...this.members.values()].map((m) => {
      const holds = [...this.placement.values()].includes(m.name);
      const state: MemberState = m.failed
        ? "failed"
        : m.standby && !holds
          ? "standby"
          : holds || !m.standby
            ? "active"
            : "inactive";
      return {
        name: m.name,
        state,
        link: m.link,
        probes: (!this.cfg.probing ? "unknown" : m.probeFailed ? "failed" : "ok") as
          | "ok"
          | "failed"
          | "unknown",
      };
    });
    const failed = members.filter((m) => m.state === "failed").length;
    return {
      name: this.cfg.name,
      state: failed === 0 ? "ok" : failed === members.length ? "failed" : "degraded",
      members,
      addresses: this.cfg.dataAddresses.map((d) => ({
        address: d.address,
        member: this.placement.get(d.address) as string,
        home: d.home,
      })),
    };
  }
}
