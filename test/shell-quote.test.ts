import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { kernelRefuses, quoteNamesInLine, shellQuote } from "../src/lib/shell-quote.js";

/** What sh makes of `line` as the words of `printf '%s\n'`: the proof that nothing ran. */
function words(line: string): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

const HOSTILE = ["$(touch /tmp/pwned)", "a;b", "it's", "`id`", "x|y", "a b", "new\nline", "$HOME"];

test("shellQuote leaves ordinary names alone and quotes the rest so sh reads them back", () => {
  assert.equal(shellQuote("eth0"), "eth0");
  assert.equal(shellQuote("bond0.100"), "bond0.100");
  assert.equal(shellQuote("a b"), "'a b'");
  for (const name of HOSTILE) assert.deepEqual(words(shellQuote(name)), [name]);
});

test("quoteNamesInLine quotes a name bare, inside a word, in '…' and in \"…\"; sh reads it back", () => {
  for (const name of HOSTILE) {
    const line = `dev ${name} /sys/class/net/${name}/x '${name}|eth0' "${name}"`;
    assert.deepEqual(words(quoteNamesInLine(line, [name])), [
      "dev",
      name,
      `/sys/class/net/${name}/x`,
      `${name}|eth0`,
      name,
    ]);
  }
});

test("quoteNamesInLine leaves a line without hostile names exactly as it was", () => {
  const line = "ip link set dev eth0 up   # it's up";
  assert.equal(quoteNamesInLine(line, []), line);
  assert.equal(quoteNamesInLine(line, ["$(x)"]), line);
});

test("kernelRefuses follows dev_valid_name: length, '.', '/', ':' and whitespace", () => {
  assert.equal(kernelRefuses("eth0"), undefined);
  assert.equal(kernelRefuses("$(reboot)"), undefined, "valid for the kernel, quoted by us");
  assert.equal(kernelRefuses("abcdefghijklmno"), undefined, "15 bytes is the longest");
  assert.match(kernelRefuses("abcdefghijklmnop") ?? "", /16 bytes/);
  assert.match(kernelRefuses("..") ?? "", /"\.\."/);
  assert.match(kernelRefuses("a/b") ?? "", /"\/"/);
  assert.match(kernelRefuses("eth0:1") ?? "", /":"/);
  assert.match(kernelRefuses("a\nb") ?? "", /whitespace/);
  assert.match(kernelRefuses("") ?? "", /empty/);
});
