import assert from "node:assert/strict";
import { test } from "node:test";
import { ev, ipmpIface, snapshot } from "../../../test/support/builders.js";
import type { IpmpInterface } from "../../host/model.js";
import { rule } from "./ipmp-group-mismatch.js";
import { ipmpPhysicals } from "./ipmp-no-test-address.js";

const IFCONFIG = "sos_commands/networking/ifconfig_-a";
const addr = (address: string, test = false, broadcast = "192.168.0.255") => ({
  address,
  prefix: 24,
  broadcast,
  test,
  source: ev(`inet ${address} netmask ffffff00 broadcast ${broadcast}`, 1, IFCONFIG),
});
const nic = (name: string, group: string | undefined, f: Partial<IpmpInterface> = {}) =>
  ipmpIface(name, {
    ...(group ? { group, ev: { group: ev(`groupname ${group}`, 3, IFCONFIG) } } : {}),
    ...f,
  });

// Incident 001, "standby" example: ge1 went into testgrp1 while ge0 is in testgrp2.
const incident001Standby = () =>
  snapshot({
    ipmp: [
      nic("ge0", "testgrp2", { addresses: [addr("192.168.0.86")] }),
      nic("ge0:1", undefined, { noFailover: true, addresses: [addr("192.168.0.87", true)] }),
      nic("ge1", "testgrp1", {
        standby: true,
        noFailover: true,
        addresses: [addr("192.168.0.88", true)],
      }),
    ],
  });

test("ipmp-group-mismatch reports incident 001's standby in another group than its partner", () => {
  const found = rule.check(incident001Standby());
  assert.equal(found.length, 1, "the standby-only testgrp1 is the same mistake, reported once");
  const [f] = found;
  assert.equal(f?.severity, "warning");
  assert.equal(f?.subject, "ge1");
  assert.match(
    f?.title ?? "",
    /ge0 \(group testgrp2\) and ge1 \(standby, group testgrp1\) share 192\.168\.0\.0\/24/,
  );
  assert.deepEqual(f?.fix, [
    "ifconfig ge1 group testgrp2",
    "# and in /etc/hostname.ge1: group testgrp2",
  ]);
  assert.ok(f?.evidence.some((e) => e.text === "groupname testgrp1"));
});

test("ipmp-group-mismatch is silent when both NICs are in one group", () => {
  const s = snapshot({
    ipmp: [
      nic("ge0", "testgrp2", { addresses: [addr("192.168.0.86")] }),
      nic("ge1", "testgrp2", { standby: true, addresses: [addr("192.168.0.88", true)] }),
    ],
  });
  assert.deepEqual(rule.check(s), []);
});

test("ipmp-group-mismatch reports a standby NIC in no group", () => {
  const s = snapshot({ ipmp: [nic("bge3", undefined, { standby: true })] });
  const [f] = rule.check(s);
  assert.equal(f?.subject, "bge3");
  assert.match(f?.title ?? "", /standby interface bge3 is in no IPMP group/);
});

test("ipmp-group-mismatch reports a group whose only members are standby", () => {
  const s = snapshot({
    ipmp: [
      nic("ge0", "front", { addresses: [addr("192.168.0.86")] }),
      nic("ge1", "back", { standby: true, addresses: [addr("10.0.0.8")] }),
    ],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.subject, "back");
  assert.match(f?.title ?? "", /group back has only standby members \(ge1\)/);
});

test("ipmpPhysicals folds logical interfaces into their NIC and finds test addresses", () => {
  const [ge0, ge1] = ipmpPhysicals(incident001Standby());
  assert.equal(ge0?.name, "ge0");
  assert.equal(ge0?.entries.length, 2);
  assert.equal(ge0?.hasTest, true);
  assert.equal(ge1?.standby, true);
});

test("ipmp-group-mismatch compares ifconfig output and hostname files separately", () => {
  const s = incident001Standby();
  s.ipmp.push(
    nic("ge1", "testgrp2", { origin: "hostname-file", addresses: [addr("192.168.0.90")] }),
  );
  assert.equal(rule.check(s).length, 1);
});
