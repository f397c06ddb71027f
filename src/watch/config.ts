// The watcher's part of the config file (`watch:`), checked with zod; errors name the file,
// the line and the key. Command-line flags override what the file says.
import { z } from "zod";
import { configIssue } from "../config/config.js";
import { sinkConfigSchema } from "../runtime/sinks/config-schema.js";

const ip = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/, "an IP address");
const ifname = z.string().regex(/^[^\s/:]{1,15}$/, "an interface name (at most 15 characters)");

export const watchConfigSchema = z.strictObject({
  interval_ms: z.number().int().min(50).max(60_000).default(1000),
  interfaces: z.array(ifname).default([]),
  probes: z
    .strictObject({
      interval_ms: z.number().int().min(20).max(60_000).default(1000),
      /** Members that probe; default: watched interfaces with an IPv4 address. */
      members: z.array(ifname).default([]),
      targets: z.array(ip).default([]),
      arp_targets: z.array(ip).default([]),
      auto_gateway: z.boolean().default(true),
    })
    .prefault({}),
  detector: z
    .strictObject({
      probe_loss_count: z.number().int().min(1).max(100).optional(),
      probe_recover_count: z.number().int().min(1).max(1000).optional(),
      stall_ms: z.number().int().min(100).optional(),
      flap_count: z.number().int().min(2).optional(),
      flap_window_ms: z.number().int().min(1000).optional(),
      storm_min_pps: z.number().min(1).optional(),
      error_burst_per_second: z.number().min(0).optional(),
    })
    .prefault({}),
  incident_quiet_ms: z.number().int().min(0).default(30_000),
  store: z
    .union([
      z.literal(false),
      z.strictObject({
        path: z.string().min(1).default("/var/lib/linkguard/linkguard.db"),
        raw_hours: z.number().min(0.01).default(24),
        rollup_days: z.number().min(0.01).default(30),
      }),
    ])
    .prefault({}),
  sinks: z.array(sinkConfigSchema).default([]),
  /** Remediation on events, with guard rails; a dry run (log only) unless enabled. */
  heal: z
    .strictObject({
      enabled: z.boolean().default(false),
      max_per_hour: z.number().int().min(1).default(3),
      cooldown_s: z.number().min(0).default(300),
      /** After an action, events on its member are its own echo for this long; default: 3 LACP timeouts on 802.3ad, else 10 s. */
      settle_s: z.number().min(0).max(3600).optional(),
      rules: z
        .array(
          z.strictObject({
            on: z.array(z.string().regex(/^[a-z-]+$/)).min(1),
            action: z.enum(["reenslave", "bounce", "run"]),
            script: z.string().startsWith("/", "an absolute path").optional(),
          }),
        )
        .default([]),
    })
    .prefault({}),
  /** Triggered capture: the last seconds before an incident, and some after. */
  capture: z
    .strictObject({
      interfaces: z.array(ifname).default([]),
      snaplen: z.number().int().min(64).max(262_144).default(256),
      filter: z
        .string()
        .max(1000)
        .regex(/^[^\n\r]*$/, "one line")
        .default(""),
      pre_seconds: z.number().min(1).max(3600).default(30),
      pre_mb: z.number().min(1).max(4096).default(64),
      post_seconds: z.number().min(0).max(3600).default(30),
      dir: z.string().min(1).default("/var/lib/linkguard/captures"),
      budget_mb: z.number().min(1).default(512),
      min_free_mb: z.number().min(0).default(1024),
      max_per_hour: z.number().int().min(1).default(12),
    })
    .prefault({}),
  /** Who is on the other end: the switches' LLDP/CDP frames, heard passively on each member. */
  lldp: z
    .strictObject({
      listen: z.boolean().default(true),
      /** Announce the host with LLDP on each member (needs python3; not beside lldpd). */
      transmit: z.boolean().default(false),
      /** Members to listen on; default: every bond/team member and the probing interfaces. */
      interfaces: z.array(ifname).default([]),
      /** The newest neighbour per member, for the doctor; false: not kept. */
      state_file: z
        .union([z.literal(false), z.string().startsWith("/", "an absolute path")])
        .default("/run/linkguard/neighbours.jsonl"),
    })
    .prefault({}),
  /** HOST:PORT for /metrics, or false. Loopback by default. */
  metrics: z.union([z.literal(false), z.string()]).default("127.0.0.1:9469"),
});

export type WatchConfig = z.output<typeof watchConfigSchema>;

export function parseWatchConfig(raw: unknown, text: string, file: string): WatchConfig {
  const result = watchConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw configIssue(text, file, result.error.issues[0], ["watch"]);
}
