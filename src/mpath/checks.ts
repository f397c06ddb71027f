// in.mpathd's start-up checks: members sharing a hardware address (Solaris needed
// local-mac-address?=true for this, incident 001), members without a test address (no probes
// can leave them), and test addresses used twice. Pure: the daemon passes what it read.
export interface MemberFacts {
  name: string;
  mac: string | null;
  /** Addresses on the member that are not data addresses of any group: its test addresses. */
  testAddresses: string[];
}

export interface CheckWarning {
  kind: "duplicate-hardware-address" | "missing-test-address" | "duplicate-test-address";
  subject: string;
  detail: string;
}

export function checkGroup(
  group: string,
  members: MemberFacts[],
  probing: boolean,
): CheckWarning[] {
  const out: CheckWarning[] = [];
  const byMac = new Map<string, string[]>();
  for (const m of members) if (m.mac) byMac.set(m.mac, [...(byMac.get(m.mac) ?? []), m.name]);
  for (const [mac, names] of byMac) {
    if (names.length > 1) {
      out.push({
        kind: "duplicate-hardware-address",
        subject: names.join(","),
        detail: `${names.join(" and ")} in ${group} share hardware address ${mac}: the switch cannot tell them apart and a moved address may not move (give each NIC its own MAC)`,
      });
    }
  }
  const byTest = new Map<string, string[]>();
  for (const m of members) {
    if (m.testAddresses.length === 0 && probing) {
      out.push({
        kind: "missing-test-address",
        subject: m.name,
        detail: `${m.name} in ${group} has no test address: probes cannot leave it, only its link state is watched`,
      });
    }
    for (const a of m.testAddresses) byTest.set(a, [...(byTest.get(a) ?? []), m.name]);
  }
  for (const [a, names] of byTest) {
    if (names.length > 1) {
      out.push({
        kind: "duplicate-test-address",
        subject: names.join(","),
        detail: `test address ${a} is on ${names.join(" and ")} in ${group}: probes cannot tell the members apart`,
      });
    }
  }
  return out;
}
