// The token rule: with serve.token set, every /api route needs `Authorization: Bearer TOKEN`
// or the cookie POST /api/login sets. Compared in constant time (over digests, so the length
// of the token does not leak either). The cookie never holds the token: cookies ignore
// ports, so every other service on the host would receive it. It holds an HMAC of the token
// under a key made at start, valid for this process only.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";

const TOKEN_COOKIE = "linkguard_session";

/** The per-process key the session cookie is derived with. */
export interface SessionKey {
  readonly key: Buffer;
}

export function newSessionKey(): SessionKey {
  return { key: randomBytes(32) };
}

/** The cookie value for `token`: useless anywhere else and after a restart. */
function sessionValue(token: string, session: SessionKey): string {
  return createHmac("sha256", session.key)
    .update(`linkguard-session\0${token}`)
    .digest("base64url");
}

function sameSecret(given: string, token: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b);
}

function authorised(c: Context, token: string, session: SessionKey): boolean {
  const header = c.req.header("authorization");
  const bearer = header === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer !== undefined) return sameSecret(bearer, token);
  const cookie = getCookie(c, TOKEN_COOKIE);
  return cookie !== undefined && sameSecret(cookie, sessionValue(token, session));
}

/** Refuses /api requests without the token (401 JSON); lets everything in when there is none. */
export function requireToken(token: string | undefined, session: SessionKey): MiddlewareHandler {
  return async (c, next) => {
    if (token === undefined || c.req.path === "/api/login") return next();
    if (authorised(c, token, session)) return next();
    c.header("WWW-Authenticate", 'Bearer realm="linkguard"');
    return c.json(
      { error: "this dashboard needs its token: Authorization: Bearer TOKEN, or log in" },
      401,
    );
  };
}

/** POST /api/login { token }: 204 with the session cookie, or 401. */
export function loginHandler(token: string | undefined, session: SessionKey) {
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
    setCookie(c, TOKEN_COOKIE, sessionValue(token, session), {
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
    });
    return c.body(null, 204);
  };
}
