import assert from "node:assert/strict";
import { test } from "node:test";
import { snapshot } from "../../../test/support/builders.js";
import { ConfigConflict, ParseError } from "../../host/model.js";
import { rule } from "./config-conflict.js";
import { rule as unparseable } from "./input-unparseable.js";

const FILE = "etc/sysconfig/network-scripts/ifcfg-eth1";

test("config-conflict reports a port that names a bond no file defines, with its line", () => {
  const s = snapshot({
    problems: [
      new ConfigConflict(
        FILE,
        7,
        "port refers to bond99, which no ifcfg file defines",
        "MASTER=bond99",
      ),
    ],
  });
  const [f, ...rest] = rule.check(s);
  assert.equal(rest.length, 0);
  assert.equal(f?.subject, "eth1");
  assert.equal(f?.title, `/${FILE}:7: port refers to bond99, which no ifcfg file defines`);
  assert.deepEqual(f?.evidence, [{ file: FILE, line: 7, text: "MASTER=bond99" }]);
  assert.deepEqual(unparseable.check(s), [], "a conflict is not an unreadable file");
});

test("config-conflict ignores real parse errors", () => {
  const s = snapshot({ problems: [new ParseError(FILE, 3, "team config is not valid JSON")] });
  assert.deepEqual(rule.check(s), []);
  assert.equal(unparseable.check(s).length, 1);
});
