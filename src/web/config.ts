// The dashboard's part of the config file (`serve:`), and the rule that keeps it off the
// network unless it asks for a token: a listen address that is not loopback needs serve.token.
import { z } from "zod";
import { configIssue } from "../config/config.js";

export const DEFAULT_LISTEN = "127.0.0.1:9470";

const serveConfigSchema = z
  .union([
    z.literal(false),
    z.strictObject({
      listen: z.string().min(1).default(DEFAULT_LISTEN),
      token: z.string().min(16, "at least 16 characters").optional(),
      doctor_interval_s: z.number().min(10).max(86_400).default(300),
      /** Host names the dashboard is reached by (a proxy's, a DNS name): the Host check. */
      hosts: z.array(z.string().min(1)).default([]),
    }),
  ])
  .prefault({});

export type ServeConfig = z.output<typeof serveConfigSchema>;

export interface ListenAddress {
  host: string;
  port: number;
}

/** "127.0.0.1:9470", "[::1]:9470", "localhost:0" -> host and port. */
export function parseListen(text: string): ListenAddress {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  if (!m || port > 65_535)
    throw new Error(`expected HOST:PORT (127.0.0.1:9470, [::1]:9470), got "${text}"`);
  return { host: (m[1] ?? m[2]) as string, port };
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why this listen address may not be used without a token, or null when it may. */
export function tokenRuleViolation(
  listen: ListenAddress,
  token: string | undefined,
): string | null {
  if (token !== undefined || isLoopbackHost(listen.host)) return null;
  return (
    `listening on ${listen.host} (not loopback) needs serve.token in the config file ` +
    "(16+ characters): without it anyone who can reach the port reads the host's history"
  );
}

export function parseServeConfig(raw: unknown, text: string, file: string): ServeConfig {
  const result = serveConfigSchema.safeParse(raw === undefined ? {} : raw);
  if (!result.success) throw configIssue(text, file, result.error.issues[0], ["serve"]);
  const cfg = result.data;
  if (cfg === false) return cfg;
  let listen: ListenAddress;
  try {
    listen = parseListen(cfg.listen);
  } catch (err) {
    throw configIssue(text, file, { path: ["listen"], message: (err as Error).message }, ["serve"]);
  }
  const why = tokenRuleViolation(listen, cfg.token);
  if (why !== null) throw configIssue(text, file, { path: ["listen"], message: why }, ["serve"]);
  return cfg;
}
