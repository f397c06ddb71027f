// The tc commands of a wire and of its faults. Pure argv builders. A wire is two taps whose
// ingress frames are redirected to each other (filter priority 10). A fault adds filters of
// higher priority (1-3) that redirect what must be lost to the lab's blackhole; restore
// deletes priorities 1-3. (Redirecting to a blackhole device needs only act_mirred: some
// kernels have no gact "drop" action.)

export const WIRE_PRIO = 10;
export const FAULT_PRIOS = [1, 2, 3] as const;

/** An ingress filter on `from` that redirects matching frames to `to`. */
function redirect(
  from: string,
  prio: number,
  match: string[],
  to: string,
  protocol = "all",
): string[] {
  return [
    "tc",
    "filter",
    "add",
    "dev",
    from,
    "parent",
    "ffff:",
    "prio",
    String(prio),
    "protocol",
    protocol,
    "u32",
    ...match,
    "action",
    "mirred",
    "egress",
    "redirect",
    "dev",
    to,
  ];
}

const ALL = ["match", "u32", "0", "0"];

/** Frames arriving on tap `from` (sent by its VM) leave on tap `to` (into the other VM). */
export function wireArgv(from: string, to: string): string[][] {
  return [["tc", "qdisc", "add", "dev", from, "ingress"], redirect(from, WIRE_PRIO, ALL, to)];
}

/** Every frame from `from` is lost (carrier stays up on both ends). */
export function silentDropArgv(from: string, blackhole: string): string[][] {
  return [redirect(from, 1, ALL, blackhole)];
}

/** Only slow-protocol frames (LACPDUs, ethertype 0x8809) from `from` are lost. IEEE 802.3 Annex 57A. */
export function lacpDropArgv(from: string, blackhole: string): string[][] {
  return [redirect(from, 1, ALL, blackhole, "0x8809")];
}

const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/**
 * A switch port that knows only the MAC it assigned to the NIC (VirtualBox, or a VMware port
 * group rejecting MAC changes and forged transmits): from the NIC (tap `nic`) only frames
 * with that source pass; toward it only frames to that MAC, broadcast or multicast.
 */
export function macFilterArgv(
  nic: string,
  peer: string,
  mac: string,
  blackhole: string,
): string[][] {
  if (!MAC_RE.test(mac)) throw new Error(`mac-filter: bad MAC "${mac}"`);
  return [
    redirect(nic, 1, ["match", "ether", "src", mac], peer),
    redirect(nic, 2, ALL, blackhole),
    redirect(peer, 1, ["match", "ether", "dst", mac], nic),
    // the group bit of the destination: the first octet's lowest bit (at -14 from the IP header)
    redirect(peer, 2, ["match", "u8", "0x01", "0x01", "at", "-14"], nic),
    redirect(peer, 3, ALL, blackhole),
  ];
}

/** Deletes every fault filter on the tap (priorities that are absent fail; callers ignore). */
export function restoreArgv(tap: string): string[][] {
  return FAULT_PRIOS.map((p) => [
    "tc",
    "filter",
    "del",
    "dev",
    tap,
    "parent",
    "ffff:",
    "prio",
    String(p),
  ]);
}

/**
 * The path beyond the partner dies silently (an uplink, the gateway), while one neighbour on
 * the same segment (`neighbourMac`) still reaches the NIC: frames from the NIC are lost, and
 * toward it only the neighbour's pass.
 */
export function upstreamDeadArgv(
  nic: string,
  peer: string,
  neighbourMac: string,
  blackhole: string,
): string[][] {
  if (!MAC_RE.test(neighbourMac)) throw new Error(`upstream-dead: bad MAC "${neighbourMac}"`);
  return [
    redirect(nic, 1, ALL, blackhole),
    redirect(peer, 1, ["match", "ether", "src", neighbourMac], nic),
    redirect(peer, 2, ALL, blackhole),
  ];
}
