// The read-back of a move: which addresses a device holds now, in the kernel's own words
// (`ip -j address show dev X`). Read, then parse.
import type { run } from "../host/exec.js";
import type { AddressesOf } from "./apply.js";

/** The local addresses (without prefix length) in `ip -j address` output. */
export function parseAddressList(json: string): string[] {
  const links = JSON.parse(json || "[]") as { addr_info?: { local?: string }[] }[];
  return links.flatMap((l) => (l.addr_info ?? []).flatMap((a) => (a.local ? [a.local] : [])));
}

/** `ip -j address show dev X` through `runArgv` (host/exec's run in the daemon). */
export function addressReader(runArgv: typeof run): AddressesOf {
  return async (dev) =>
    parseAddressList(
      await runArgv(["ip", "-j", "address", "show", "dev", dev], { timeoutMs: 2000 }),
    );
}
