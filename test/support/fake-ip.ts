// A stand-in for `ip -force -batch -` / `bridge -force -batch -` that behaves as iproute2 does
// on failure (the error, then `Command failed -:LINE`, both on stderr) without touching the
// kernel: a line naming the device "bad0" fails, a line naming "die" makes it exit 255 the way
// `ip` does on an unreadable argument, everything else succeeds silently. `link show dev lo`
// and `link show dev X` (no such device) answer like the real tool, so the batch markers work.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = `#!/bin/sh
n=0
while IFS= read -r line; do
  n=$((n+1))
  case "$line" in
    "link show dev lo")
      echo "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN"
      echo "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00" ;;
    "link show dev lgmark"*)
      echo "Device \\"\${line#link show dev }\\" does not exist." >&2
      echo "Command failed -:$n" >&2 ;;
    *" die"*)
      echo "Error: any valid prefix is expected rather than \\"die\\"." >&2
      exit 255 ;;
    *" bad0"*)
      echo "RTNETLINK answers: Operation not permitted (line $n: $line)" >&2
      echo "Command failed -:$n" >&2 ;;
    *) ;;
  esac
done
`;

/** Writes the fake tool; returns its path and a cleanup. */
export function fakeIp(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-fake-ip-"));
  const path = join(dir, "ip");
  writeFileSync(path, SCRIPT);
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
