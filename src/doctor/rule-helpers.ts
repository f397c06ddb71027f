// Small helpers every rule uses. Pure.
import type { Bond, HostSnapshot } from "../host/model.js";
import type { Evidence } from "../lib/evidence.js";

/** Evidence list without the holes (a fact's line may be unknown). */
export function present(...items: Array<Evidence | undefined>): Evidence[] {
  return items.filter((e): e is Evidence => e !== undefined);
}

/** Numeric value of a sysctl, undefined when absent or not a number. */
export function sysctlNumber(snapshot: HostSnapshot, key: string): number | undefined {
  const v = snapshot.sysctls[key]?.value.trim();
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** Bonds whose mode is one of `modes`. */
export function bondsInMode(snapshot: HostSnapshot, ...modes: Bond["mode"][]): Bond[] {
  return snapshot.bonds.filter((b) => modes.includes(b.mode));
}

/** Plural-aware count: count(2, "member") -> "2 members". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
