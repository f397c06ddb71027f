// The sinks' part of the config file as a zod schema, so a bad sink stops the watcher at
// start-up with the field's path. Defaults live in the sinks, not here.
import { z } from "zod";
import { isValidHost, isValidPort } from "./address.js";
import type { SinkConfig } from "./index.js";
import { FACILITY_NAMES, type Facility } from "./rfc5424.js";

const queue = {
  queue_capacity: z.number().int().min(1).max(1_000_000).optional(),
  drop: z.enum(["drop-newest", "drop-oldest"]).optional(),
};

const syslog = z.strictObject({
  type: z.literal("syslog"),
  host: z.string().refine(isValidHost, "an IP address or a host name"),
  port: z.number().refine(isValidPort, "an integer in 1-65535"),
  protocol: z.enum(["udp", "tcp"]),
  facility: z.enum(FACILITY_NAMES as [Facility, ...Facility[]]).optional(),
  // RFC 5424 6.2.5: APP-NAME is 1-48 printable US-ASCII characters.
  app: z
    .string()
    .regex(/^[\x21-\x7e]{1,48}$/, "1-48 printable ASCII characters, no spaces")
    .optional(),
  ...queue,
});

const jsonl = z.strictObject({
  type: z.literal("jsonl"),
  path: z.string().min(1, '"-" for standard output, or a file path'),
  ...queue,
});

const webhook = z.strictObject({
  type: z.literal("webhook"),
  url: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }),
  headers: z.record(z.string(), z.string()).optional(),
  timeout_ms: z.number().int().min(1).max(600_000).optional(),
  max_attempts: z.number().int().min(1).max(20).optional(),
  ...queue,
});

export const sinkConfigSchema = z.discriminatedUnion("type", [syslog, jsonl, webhook]);

// The hand-written SinkConfig and the schema must describe the same thing (checked by tsc).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesSinkConfig: Same<z.output<typeof sinkConfigSchema>, SinkConfig> = true;
