// DNS rebinding: a web page the operator visits can point its own name at 127.0.0.1 and read
// the dashboard as same-origin. The browser still sends that page's name in `Host`, so only
// names the server answers to are accepted: IP literals (a rebinding page needs a DNS name),
// localhost, the name it listens on, and the names in serve.hosts. With or without a token.
import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";

/** The host part of a Host header ("web01:9470" -> "web01", "[::1]:9470" -> "::1"), lowercased. */
function hostOf(header: string): string | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(header.trim());
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? "").toLowerCase().replace(/\.$/, "");
}

function hostAllowed(header: string | undefined, names: readonly string[]): boolean {
  if (header === undefined) return false;
  const host = hostOf(header);
  if (host === undefined || host === "") return false;
  if (isIP(host) !== 0 || host === "localhost") return true;
  return names.some((n) => n.toLowerCase().replace(/\.$/, "") === host);
}

/** 403 for a request whose Host is none of the server's own names. */
export function requireKnownHost(names: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (hostAllowed(c.req.header("host"), names)) return next();
    return c.json(
      {
        error:
          "this Host is not one the dashboard answers to (DNS rebinding guard); add it to serve.hosts in the config if it is yours",
      },
      403,
    );
  };
}
