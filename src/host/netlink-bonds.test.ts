import assert from "node:assert/strict";
import { test } from "node:test";
import { iface } from "../../test/support/builders.js";
import { bondsFromNetlink, type LinkDetails } from "./netlink-bonds.js";

const ev = { file: "$ ip -d -j link", line: 1, text: "bond0" };

test("bondsFromNetlink builds an 802.3ad bond with the members that name it as master", () => {
  const details: Record<string, LinkDetails> = {
    bond0: {
      kind: "bond",
      values: {
        mode: "802.3ad",
        miimon: "100",
        lacp_rate: "fast",
        ad_aggregator: "1",
        ad_num_ports: "1",
        ad_partner_mac: "00:00:00:00:00:00",
        fail_over_mac: "none",
      },
      ev,
    },
    eno1: {
      kind: "bond_slave",
      values: {
        state: "ACTIVE",
        mii_status: "UP",
        ad_aggregator_id: "1",
        ad_actor_oper_port_state: "71",
        ad_partner_oper_port_state: "1",
      },
      ev: { ...ev, text: "eno1" },
    },
  };
  const interfaces = {
    eno1: iface("eno1", { master: "bond0" }),
    eno2: iface("eno2", { master: "bond0" }),
    eth9: iface("eth9"),
  };
  const [bond, more] = bondsFromNetlink(details, interfaces);
  assert.equal(more, undefined);
  assert.equal(bond?.mode, "802.3ad");
  assert.equal(bond?.miimon, 100);
  assert.equal(bond?.failOverMac, "none");
  assert.equal(bond?.ad?.lacpRate, "fast");
  assert.equal(bond?.ad?.activeAggregator?.partnerMac, "00:00:00:00:00:00");
  assert.deepEqual(
    bond?.slaves.map((s) => s.name),
    ["eno1", "eno2"],
  );
  const eno1 = bond?.slaves[0];
  assert.equal(eno1?.miiStatus, "up");
  assert.equal(eno1?.aggregatorId, 1);
  assert.equal(eno1?.actor?.state?.defaulted, true);
  assert.equal(eno1?.partner?.state?.raw, 1);
  assert.equal(bond?.slaves[1]?.miiStatus, undefined, "eno2 has no details: unknown, not down");
});

test("bondsFromNetlink returns nothing without bond details", () => {
  assert.deepEqual(bondsFromNetlink({}, { eth0: iface("eth0") }), []);
});
