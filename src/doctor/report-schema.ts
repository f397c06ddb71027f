// The --json report's contract, as a zod schema: tests validate real output against it and
// docs/doctor-report.schema.json is generated from it (npm run docs).
import { z } from "zod";

const evidence = z.object({
  file: z.string().describe("path relative to the root, or '$ command' for live command output"),
  line: z.number().int().min(0).describe("1-based line; 0 = the whole file"),
  text: z.string(),
});

const finding = z.object({
  rule: z.string().regex(/^[a-z0-9-]+$/),
  severity: z.enum(["critical", "warning", "info"]),
  subject: z.string(),
  title: z.string(),
  explanation: z.string(),
  evidence: z.array(evidence),
  fix: z.array(z.string()),
  members: z
    .array(z.string())
    .describe(
      "the member interfaces the finding is about (of the bond or team in subject, or the IPMP interfaces concerned), sorted; empty when it is about the subject as a whole",
    ),
});

export const doctorReportSchema = z.object({
  $schema: z.literal("linkguard/doctor-report/v1"),
  version: z.string(),
  root: z.string(),
  origin: z.enum(["live", "sosreport", "snapshot", "directory"]),
  hostname: z.string().optional(),
  status: z.enum(["ok", "warning", "critical"]),
  findings: z.array(finding),
  silenced: z.array(finding),
  unseen: z.array(z.string()).describe("facts the reader could not see"),
  rulesRun: z.number().int(),
  scope: z
    .object({
      bonds: z.number().int().min(0),
      teams: z.number().int().min(0),
      ipmpGroups: z.number().int().min(0),
      dsrAddresses: z.number().int().min(0),
      configuredBonds: z.number().int().min(0),
    })
    .describe(
      "what the host has that the rules judge (running bonds and teams, IPMP groups, VIPs on lo, configured bonds); all zero: nothing to check",
    ),
  neighbours: z
    .array(
      z.object({
        interface: z.string(),
        member_of: z.string().optional().describe("the bond or team of the interface"),
        protocol: z.enum(["lldp", "cdp"]),
        switch: z.string().nullable().describe("system name (or chassis id)"),
        chassis_id: z.string().nullable(),
        port_id: z.string().nullable(),
        port_description: z.string().nullable(),
        vlan: z.number().int().nullable().describe("port VLAN id / CDP native VLAN"),
        management: z.array(z.string()),
        aggregated: z.boolean().nullable().describe("the switch port's link aggregation status"),
        evidence,
      }),
    )
    .optional()
    .describe("LLDP/CDP: the switch port each interface is cabled to; absent when none is known"),
});

export function doctorReportJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(doctorReportSchema), null, 2)}\n`;
}
