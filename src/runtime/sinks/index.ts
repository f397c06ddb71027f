// Every sink, listed by hand: the config's `type` picks one. Validate untrusted config with
// sinkConfigSchema (config-schema.ts) first; createSink checks the target again and throws a
// SinkConfigError at start-up, never later on write().

import { SinkConfigError } from "./address.js";
import { createJsonlSink } from "./jsonl.js";
import type { Facility } from "./rfc5424.js";
import type { DropPolicy, Sink } from "./sink.js";
import { createSyslogSink } from "./syslog.js";
import { createWebhookSink } from "./webhook.js";

interface QueueConfig {
  /** Events held while the receiver is slow (default 1000); more are dropped and counted. */
  queue_capacity?: number | undefined;
  /** Which event a full queue gives up (default "drop-newest", see sink.ts). */
  drop?: DropPolicy | undefined;
}

interface SyslogSinkConfig extends QueueConfig {
  type: "syslog";
  host: string;
  port: number;
  protocol: "udp" | "tcp";
  /** Default "daemon". */
  facility?: Facility | undefined;
  /** APP-NAME, default "linkguard". */
  app?: string | undefined;
}

interface JsonlSinkConfig extends QueueConfig {
  type: "jsonl";
  /** "-" is standard output. */
  path: string;
}

interface WebhookSinkConfig extends QueueConfig {
  type: "webhook";
  url: string;
  headers?: Record<string, string> | undefined;
  timeout_ms?: number | undefined;
  max_attempts?: number | undefined;
}

export type SinkConfig = SyslogSinkConfig | JsonlSinkConfig | WebhookSinkConfig;

function queueOptions(c: QueueConfig) {
  return {
    ...(c.queue_capacity !== undefined && { capacity: c.queue_capacity }),
    ...(c.drop !== undefined && { policy: c.drop }),
  };
}

export function createSink(config: SinkConfig): Sink {
  switch (config.type) {
    case "syslog":
      return createSyslogSink({
        host: config.host,
        port: config.port,
        protocol: config.protocol,
        ...(config.facility !== undefined && { facility: config.facility }),
        ...(config.app !== undefined && { app: config.app }),
        ...queueOptions(config),
      });
    case "jsonl":
      return createJsonlSink({ path: config.path, ...queueOptions(config) });
    case "webhook":
      return createWebhookSink({
        url: config.url,
        ...(config.headers !== undefined && { headers: config.headers }),
        ...(config.timeout_ms !== undefined && { timeoutMs: config.timeout_ms }),
        ...(config.max_attempts !== undefined && { maxAttempts: config.max_attempts }),
        ...queueOptions(config),
      });
  }
  // Reached only from untyped callers that skipped the schema.
  throw new SinkConfigError(
    `unknown sink type ${JSON.stringify((config as { type: unknown }).type)}`,
  );
}

export { SinkConfigError } from "./address.js";
export type { Sink } from "./sink.js";
