// Every namespace the lab makes is named `lg-<run id>-<node>`, so parallel labs never collide
// and `lab down` can find leftovers of crashed runs by the prefix alone.
import { randomBytes } from "node:crypto";

export const LAB_PREFIX = "lg-";

const NODE_RE = /^[a-z][a-z0-9]{0,11}$/;
const RUN_ID_RE = /^[a-z0-9]{4,8}$/;
const PORT_RE = /^[a-zA-Z0-9_.-]{1,15}$/;

export function newRunId(): string {
  return randomBytes(3).toString("hex");
}

export function assertNodeName(name: string): void {
  if (!NODE_RE.test(name)) {
    throw new Error(`bad lab node name "${name}": use a-z and digits, at most 12, letter first`);
  }
}

export function assertRunId(id: string): void {
  if (!RUN_ID_RE.test(id)) throw new Error(`bad lab id "${id}": expected 4-8 of a-z0-9`);
}

/** An interface name the lab may create: the kernel's 15 characters, no shell surprises. */
export function assertLabIfname(name: string): void {
  if (!PORT_RE.test(name)) throw new Error(`bad interface name "${name}" (1-15 of a-zA-Z0-9_.-)`);
}

export function namespaceName(runId: string, node: string): string {
  return `${LAB_PREFIX}${runId}-${node}`;
}

/** The run id of a lab namespace name, or undefined when the name is not the lab's. */
export function runIdOf(namespace: string): string | undefined {
  const m = /^lg-([a-z0-9]{4,8})-[a-z][a-z0-9]*$/.exec(namespace);
  return m?.[1];
}

/** The switch-side port of a host interface, e.g. "server-eth0" (cut to the kernel's 15). */
export function switchPortName(host: string, ifname: string): string {
  return `${host}-${ifname}`.slice(0, 15);
}
