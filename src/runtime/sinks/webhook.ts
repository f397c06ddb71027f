// One POST of JSON per event, each attempt bounded by its own timeout, retried with capped
// exponential back-off and jitter. A hanging server holds only this sink's pump; its queue
// fills and drops (counted) while the watcher and the other sinks carry on.
import { setTimeout as sleep } from "node:timers/promises";
import type { WatchEvent } from "../../events/types.js";
import { checkWebhookUrl, redactUrl, SinkConfigError } from "./address.js";
import { eventRecord, safeJson } from "./jsonl.js";
import { type QueueOptions, queuedSink, type SendContext } from "./pump.js";
import type { Sink } from "./sink.js";

export interface WebhookSinkOptions extends QueueOptions {
  url: string;
  /** Extra request headers, e.g. Authorization. Never logged. */
  headers?: Record<string, string>;
  /** Per attempt, connect to last byte of the answer. */
  timeoutMs?: number;
  /** Attempts per event, the first included. */
  maxAttempts?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
}

const WEBHOOK_DEFAULTS = {
  timeoutMs: 5000,
  maxAttempts: 4,
  retryMinMs: 500,
  retryMaxMs: 30_000,
};

/** The server answered, but not with 2xx. */
class WebhookError extends Error {
  override name = "WebhookError";
  constructor(
    readonly status: number,
    readonly retryable: boolean,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

// RFC 9110 15.5.9 / 6585 4 / 9110 15.6: worth another try; other 4xx will fail the same way.
const RETRYABLE = (status: number) =>
  status === 408 || status === 425 || status === 429 || status >= 500;

/** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3), in ms from now. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function checkHeaders(headers: Record<string, string> | undefined): Headers {
  const out = new Headers({ "content-type": "application/json", "user-agent": "linkguard" });
  for (const [name, value] of Object.entries(headers ?? {})) {
    try {
      out.set(name, value);
    } catch {
      // The TypeError quotes the value, which may be a token.
      throw new SinkConfigError(`webhook header ${JSON.stringify(name)}: invalid name or value`);
    }
  }
  return out;
}

export function createWebhookSink(opts: WebhookSinkOptions): Sink {
  const url = checkWebhookUrl(opts.url);
  const headers = checkHeaders(opts.headers);
  const o = { ...WEBHOOK_DEFAULTS };
  for (const k of Object.keys(o) as Array<keyof typeof o>) {
    const v = opts[k];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < (k === "retryMinMs" ? 0 : 1)) {
      throw new SinkConfigError(`webhook ${k}: ${v} is not a positive integer`);
    }
    o[k] = v;
  }

  async function post(event: WatchEvent, ctx: SendContext): Promise<void> {
    const body = safeJson(eventRecord(event));
    for (let attempt = 1; ; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        await postOnce(
          url,
          headers,
          body,
          AbortSignal.any([ctx.signal, AbortSignal.timeout(o.timeoutMs)]),
        );
        return;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const permanent = err instanceof WebhookError && !err.retryable;
        if (permanent || attempt >= o.maxAttempts) throw err;
        ctx.noteError(err);
        if (err instanceof WebhookError) retryAfterMs = err.retryAfterMs;
      }
      const d = Math.min(o.retryMaxMs, o.retryMinMs * 2 ** (attempt - 1));
      const jittered = d / 2 + (Math.random() * d) / 2;
      const wait = Math.min(o.retryMaxMs, Math.max(jittered, retryAfterMs ?? 0));
      await sleep(wait, undefined, { signal: ctx.signal });
    }
  }

  return queuedSink(
    `webhook:${redactUrl(url)}`,
    {
      async send(batch, ctx) {
        for (const event of batch) await post(event, ctx);
      },
      async close() {},
    },
    opts,
  );
}

async function postOnce(url: URL, headers: Headers, body: string, signal: AbortSignal) {
  // redirect "manual": a redirected POST may turn into a GET; a 3xx means fix the url.
  const res = await fetch(url, { method: "POST", headers, body, signal, redirect: "manual" });
  // Read the answer to the end so the connection goes back to the pool.
  await res.arrayBuffer().catch(() => {});
  if (res.ok) return;
  throw new WebhookError(
    res.status,
    RETRYABLE(res.status),
    parseRetryAfter(res.headers.get("retry-after"), Date.now()),
    `HTTP ${res.status} ${res.statusText}`.trim(),
  );
}
