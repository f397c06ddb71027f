// What each remediation does, as the exact commands (argv arrays, never a shell). Pure, so the
// plan of `reenslave` can be tested here even though this kernel has no bonding driver.
export type HealActionKind = "reenslave" | "bounce" | "run";

export interface HealPlan {
  kind: HealActionKind;
  subject: string;
  commands: string[][];
  /** Environment for `run` scripts: the event that triggered it. */
  env?: Record<string, string>;
  /** What the kernel must show afterwards for the action to count as done (read back). */
  expect?: { up?: boolean; master?: string };
}

/** Re-enslave a stuck bond member (incident 004's workaround): out of the bond and back. */
export function reenslavePlan(bond: string, member: string): HealPlan {
  return {
    kind: "reenslave",
    subject: member,
    commands: [
      ["ip", "link", "set", "dev", member, "nomaster"],
      // The bonding driver takes only a member that is down.
      ["ip", "link", "set", "dev", member, "down"],
      ["ip", "link", "set", "dev", member, "master", bond],
      ["ip", "link", "set", "dev", member, "up"],
    ],
    expect: { up: true, master: bond },
  };
}

/** Put a member the re-enslave left outside its bond back in (the second half, on its own). */
export function putBackPlan(bond: string, member: string): HealPlan {
  return {
    kind: "reenslave",
    subject: member,
    commands: [
      ["ip", "link", "set", "dev", member, "down"],
      ["ip", "link", "set", "dev", member, "master", bond],
      ["ip", "link", "set", "dev", member, "up"],
    ],
    expect: { up: true, master: bond },
  };
}

export function bouncePlan(ifname: string): HealPlan {
  return {
    kind: "bounce",
    subject: ifname,
    commands: [
      ["ip", "link", "set", "dev", ifname, "down"],
      ["ip", "link", "set", "dev", ifname, "up"],
    ],
    expect: { up: true },
  };
}

export function runPlan(
  script: string,
  subject: string,
  event: {
    kind: string;
    subject: string;
    detail: string;
    t_ms: number;
    incident_id?: number | undefined;
  },
): HealPlan {
  return {
    kind: "run",
    subject,
    commands: [[script]],
    env: {
      LINKGUARD_EVENT_KIND: event.kind,
      LINKGUARD_EVENT_SUBJECT: event.subject,
      LINKGUARD_EVENT_DETAIL: event.detail,
      LINKGUARD_EVENT_TIME_MS: String(Math.round(event.t_ms)),
      LINKGUARD_INCIDENT: event.incident_id === undefined ? "" : String(event.incident_id),
    },
  };
}
