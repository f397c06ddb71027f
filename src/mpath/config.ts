// The `mpath:` part of the config file: groups of plain interfaces with test and data
// addresses, like Solaris IPMP. Errors name the file, the line and the key.
import { z } from "zod";
import { configIssue } from "../config/config.js";
import { sinkConfigSchema } from "../runtime/sinks/config-schema.js";
import type { GroupConfig } from "./engine.js";

const cidr = z
  .string()
  .regex(
    /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/,
    "an address with a prefix, e.g. 10.0.0.50/24",
  );
const ip = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/, "an IP address");
const ifname = z.string().regex(/^[^\s/:]{1,15}$/, "an interface name (at most 15 characters)");

/** in.mpathd's bounds: probes go every failure_detection_ms / 7, at least every 10 ms. */
export const MIN_FAILURE_DETECTION_MS = 70;
export const MAX_FAILURE_DETECTION_MS = 600_000;

const groupSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_.-]{1,32}$/, "1-32 of a-zA-Z0-9_.-"),
  members: z.array(ifname).min(1),
  standby: z.array(ifname).default([]),
  /** Data addresses per home member: they move. */
  data_addresses: z.record(ifname, z.array(cidr)).default({}),
  failback: z.boolean().default(true),
  /** in.mpathd's FAILURE_DETECTION_TIME: probes every failure_detection_ms / 7. */
  failure_detection_ms: z
    .number()
    .int()
    .min(MIN_FAILURE_DETECTION_MS)
    .max(MAX_FAILURE_DETECTION_MS)
    .default(10_000),
  targets: z.array(ip).default([]),
  auto_targets: z.boolean().default(true),
  /** With no target at all: ping the all-hosts group and keep the fastest 5 (in.mpathd). */
  multicast_targets: z.boolean().default(true),
  repair_probes: z.number().int().min(1).max(100).default(10),
  /** Each path's probe spacing drawn from 0.5-1.0 x failure_detection_ms / 7 (in.mpathd). */
  probe_jitter: z.boolean().default(true),
  link_up_grace_ms: z.number().int().min(0).default(40_000),
  announce_count: z.number().int().min(0).max(20).default(3),
});

export const mpathConfigSchema = z
  .strictObject({
    groups: z.array(groupSchema).default([]),
    /** Where `mpath status` finds the running daemon's state. */
    status_file: z.string().default("/run/linkguard/mpath.json"),
    /** Record every decision in a store (its own file: the watcher numbers events in its own). */
    store: z.union([z.literal(false), z.strictObject({ path: z.string().min(1) })]).default(false),
    sinks: z.array(sinkConfigSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, string>();
    c.groups.forEach((g, gi) => {
      for (const m of g.members) {
        const other = seen.get(m);
        if (other)
          ctx.addIssue({
            code: "custom",
            path: ["groups", gi, "members"],
            message: `${m} is already a member of group ${other}`,
          });
        seen.set(m, g.name);
      }
      for (const s of g.standby) {
        if (!g.members.includes(s))
          ctx.addIssue({
            code: "custom",
            path: ["groups", gi, "standby"],
            message: `standby ${s} is not a member of ${g.name} (a standby in another group can never take over)`,
          });
      }
      for (const home of Object.keys(g.data_addresses)) {
        if (!g.members.includes(home))
          ctx.addIssue({
            code: "custom",
            path: ["groups", gi, "data_addresses", home],
            message: `${home} is not a member of ${g.name}`,
          });
      }
    });
  });

export type MpathConfig = z.output<typeof mpathConfigSchema>;
export type MpathGroupConfig = MpathConfig["groups"][number];

export function parseMpathConfig(raw: unknown, text: string, file: string): MpathConfig {
  const r = mpathConfigSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  throw configIssue(text, file, r.error.issues[0], ["mpath"]);
}

/** in.mpathd: probes every detection time / 7; 5 lost in a row = failed (5/7 of the time). */
export function probeIntervalMs(g: MpathGroupConfig): number {
  return Math.max(10, Math.round(g.failure_detection_ms / 7));
}

export function engineConfig(g: MpathGroupConfig, probing: boolean): GroupConfig {
  return {
    name: g.name,
    members: g.members,
    standby: g.standby,
    dataAddresses: Object.entries(g.data_addresses).flatMap(([home, list]) =>
      list.map((address) => ({ address, home })),
    ),
    failback: g.failback,
    lossThreshold: 5,
    repairThreshold: g.repair_probes,
    linkUpGraceMs: g.link_up_grace_ms,
    maxLinkUpsPerMinute: 2,
    probing,
  };
}
