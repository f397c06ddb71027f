// How a switch VM (or the server) is set up: shell scripts run as root inside the VM with the
// host's iproute2. Pure: names and addresses are validated, scripts are returned as text.

const IF_RE = /^[a-z][a-z0-9]{0,14}$/;
const CIDR_RE = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;
const OPT_RE = /^[a-z_]+ [a-z0-9.,_-]+$/;

function check(ifs: string[], cidr?: string): void {
  for (const i of ifs) if (!IF_RE.test(i)) throw new Error(`bad interface name "${i}"`);
  if (cidr !== undefined && !CIDR_RE.test(cidr)) throw new Error(`bad address "${cidr}"`);
}

/**
 * A bond made the way iproute2 makes one (`ip link add type bond`), members enslaved down and
 * brought up by the bond. `options` are `ip link` bond options, e.g. "mode 802.3ad".
 */
export function bondScript(
  bond: string,
  members: string[],
  options: string[],
  cidr?: string,
): string {
  check([bond, ...members], cidr);
  for (const o of options) if (!OPT_RE.test(o)) throw new Error(`bad bond option "${o}"`);
  return [
    `ip link add ${bond} type bond ${options.join(" ")}`,
    ...members.flatMap((m) => [`ip link set ${m} down`, `ip link set ${m} master ${bond}`]),
    `ip link set ${bond} up`,
    ...(cidr ? [`ip address add ${cidr} dev ${bond}`] : []),
  ].join("\n");
}

/** A plain learning bridge over the ports: no LACP, no channel (and it never forwards LACPDUs). */
export function bridgeScript(bridge: string, ports: string[], cidr?: string): string {
  check([bridge, ...ports], cidr);
  return [
    `ip link add ${bridge} type bridge stp_state 0 forward_delay 0`,
    ...ports.flatMap((p) => [`ip link set ${p} master ${bridge}`, `ip link set ${p} up`]),
    `ip link set ${bridge} up`,
    ...(cidr ? [`ip address add ${cidr} dev ${bridge}`] : []),
  ].join("\n");
}
