// The token rule: with serve.token set, every /api route needs `Authorization: Bearer TOKEN`
// or the cookie POST /api/login sets. Compared in constant time (over digests, so the length
// of the token does not leak either).
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const TOKEN_COOKIE = "linkguard_token";

function sameSecret(given: string, token: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b);
}

function presented(c: Context): string | undefined {
  const header = c.req.header("authorization");
  const bearer = header === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return bearer ?? getCookie(c, TOKEN_COOKIE);
}

/** Refuses /api requests without the token (401 JSON); lets everything in when there is none. */
export function requireToken(token: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (token === undefined || c.req.path === "/api/login") return next();
    const given = presented(c);
    if (given !== undefined && sameSecret(given, token)) return next();
    c.header("WWW-Authenticate", 'Bearer realm="linkguard"');
    return c.json(
      { error: "this dashboard needs its token: Authorization: Bearer TOKEN, or log in" },
      401,
    );
  };
}

/** POST /api/login { token }: 204 with the cookie, or 401. */
export function loginHandler(token: string | undefined) {
  return async (c: Context) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'expected a JSON body {"token": "..."}' }, 400);
    }
    const given = (body as { token?: unknown } | null)?.token;
    if (typeof given !== "string")
      return c.json({ error: 'expected a JSON body {"token": "..."}' }, 400);
    if (token === undefined) return c.body(null, 204);
    if (!sameSecret(given, token)) return c.json({ error: "wrong token" }, 401);
    setCookie(c, TOKEN_COOKIE, given, { httpOnly: true, sameSite: "Strict", path: "/" });
    return c.body(null, 204);
  };
}
