// Checks of a sink's target, shared by the sinks (at creation) and the config schema, so a bad
// address stops `linkguard watch` at start-up instead of failing every send later.
import { isIP } from "node:net";

export class SinkConfigError extends Error {
  override name = "SinkConfigError";
}

// RFC 1123 2.1 host name: dot-separated labels of letters, digits and inner hyphens.
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** An IPv4/IPv6 literal or a DNS name (no brackets, no port). */
export function isValidHost(host: string): boolean {
  if (isIP(host) !== 0) return true;
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  return name.length > 0 && name.length <= 253 && name.split(".").every((l) => LABEL.test(l));
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function checkHostPort(host: string, port: number): void {
  if (typeof host !== "string" || !isValidHost(host)) {
    throw new SinkConfigError(
      `syslog host ${JSON.stringify(host)}: not an IP address or host name`,
    );
  }
  if (typeof port !== "number" || !isValidPort(port)) {
    throw new SinkConfigError(`syslog port ${JSON.stringify(port)}: not an integer in 1-65535`);
  }
}

/** An http(s) URL; the error never repeats the URL, which may carry a token. */
export function checkWebhookUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // No cause: Node's URL error carries the input, which may hold a token.
    throw new SinkConfigError("webhook url: not a valid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new SinkConfigError(`webhook url: scheme ${parsed.protocol} is not http: or https:`);
  }
  return parsed;
}

/** A sink name that is safe to log: scheme, host and port of a URL, never path or query. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
