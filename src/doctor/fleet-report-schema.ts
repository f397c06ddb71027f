// The fleet --json contract, as a zod schema: tests validate real output against it and
// docs/doctor-fleet.schema.json is generated from it (a test fails when the file is stale).
import { z } from "zod";
import { doctorReportSchema } from "./report-schema.js";

const findings = doctorReportSchema.shape.findings;
const exit = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

const host = z.object({
  root: z.string().describe("the root as given, or DIR/entry for a root found inside a fleet DIR"),
  hostname: z.string().optional(),
  origin: doctorReportSchema.shape.origin.optional().describe("absent when it could not be read"),
  status: z.enum(["ok", "warning", "critical", "error"]),
  exit: exit.describe("what `doctor --root` alone would exit with for this host"),
  error: z.string().optional().describe("why the root could not be read (status error)"),
  findings,
  silenced: findings,
  unseen: z.array(z.string()),
});

const rule = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  short: z.string().describe("the column header of the text table"),
  worst: z.enum(["critical", "warning", "info"]),
  hosts: z.number().int().min(1).describe("hosts it fired on"),
});

export const doctorFleetSchema = z.object({
  $schema: z.literal("linkguard/doctor-fleet/v1"),
  version: z.string(),
  hosts: z.array(host).describe("in the order the roots were given"),
  rules: z.array(rule).describe("every rule that fired on some host, worst first"),
  summary: z.object({
    hosts: z.number().int(),
    ok: z.number().int(),
    warning: z.number().int(),
    critical: z.number().int(),
    error: z.number().int(),
    exit: exit.describe(
      "2 if any host is critical, else 3 if any root could not be read, else 1/0",
    ),
  }),
});

export function doctorFleetJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(doctorFleetSchema), null, 2)}\n`;
}
