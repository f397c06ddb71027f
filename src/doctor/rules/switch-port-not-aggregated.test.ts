import assert from "node:assert/strict";
import { test } from "node:test";
import { bond, slave, snapshot } from "../../../test/support/builders.js";
import { neighbour } from "../../../test/support/neighbour-builder.js";
import { rule } from "./switch-port-not-aggregated.js";

const lacpBond = (mode: "802.3ad" | "active-backup" = "802.3ad") =>
  bond("bond0", { mode, slaves: [slave("eno1"), slave("eno2")] });
const port = (ifname: string, portId: string, enabled: boolean, supported: boolean | null = true) =>
  neighbour(ifname, {
    systemName: "sw-a",
    portId,
    aggregation: { supported, enabled, portId: enabled ? 1000005 : 0 },
  });

test("switch-port-not-aggregated names the member, switch and port whose LLDP says it is standalone", () => {
  const s = snapshot({
    bonds: [lacpBond()],
    neighbours: [port("eno1", "Ethernet1/5", true), port("eno2", "Ethernet1/6", false)],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(
    f?.title,
    "bond0: eno2 → sw-a Ethernet1/6 is not in a link aggregation, while bond0 runs 802.3ad",
  );
  assert.equal(f?.fix[0], "on sw-a: show lacp neighbor interface Ethernet1/6");
});

test("switch-port-not-aggregated says when the port cannot aggregate at all", () => {
  const s = snapshot({ bonds: [lacpBond()], neighbours: [port("eno1", "1", false, false)] });
  assert.match(rule.check(s)[0]?.title ?? "", /cannot aggregate and is not in a link aggregation/);
});

test("switch-port-not-aggregated ignores unknown aggregation and bonds that do not run LACP", () => {
  assert.deepEqual(
    rule.check(
      snapshot({ bonds: [lacpBond()], neighbours: [neighbour("eno1", { systemName: "sw-a" })] }),
    ),
    [],
  );
  assert.deepEqual(
    rule.check(
      snapshot({ bonds: [lacpBond("active-backup")], neighbours: [port("eno1", "1", false)] }),
    ),
    [],
  );
});
