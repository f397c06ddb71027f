// Query parameters of the /api routes, checked: a bad one is a 400 naming it, never a guess.

export class BadRequest extends Error {
  override name = "BadRequest";
}

type Query = (name: string) => string | undefined;

export function intParam(q: Query, name: string, min: number, max: number): number | undefined {
  const text = q(name);
  if (text === undefined || text === "") return undefined;
  if (!/^-?\d{1,16}$/.test(text))
    throw new BadRequest(`${name}: expected a whole number, got "${text.slice(0, 40)}"`);
  const n = Number(text);
  if (n < min || n > max) throw new BadRequest(`${name}: expected ${min}..${max}, got ${n}`);
  return n;
}

/** The same rule as the config file's interface names (at most 15 characters, no / : or space). */
const IFNAME = /^[^\s/:,]{1,15}$/;

export function ifnamesParam(q: Query, name = "ifname"): string[] | undefined {
  const text = q(name);
  if (text === undefined || text === "") return undefined;
  const names = text.split(",");
  if (names.length > 256) throw new BadRequest(`${name}: at most 256 interfaces`);
  for (const n of names)
    if (!IFNAME.test(n))
      throw new BadRequest(
        `${name}: "${n.slice(0, 40)}" is not an interface name (1-15 characters, no /, : or space)`,
      );
  return names;
}

export interface Window {
  from: number;
  to: number;
}

const MAX_MS = 8_640_000_000_000_000;

/** from/to in epoch ms; `to` defaults to now and `from` to `defaultSpanMs` before it. */
export function windowParams(q: Query, nowMs: number, defaultSpanMs: number): Window {
  const to = intParam(q, "to", 0, MAX_MS) ?? nowMs;
  const from = intParam(q, "from", 0, MAX_MS) ?? to - defaultSpanMs;
  if (from >= to) throw new BadRequest(`from (${from}) must be before to (${to})`);
  return { from, to };
}
