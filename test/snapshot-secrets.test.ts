// Secrets in every configuration format the doctor reads (test/fixtures/secrets-host: each
// secret value holds LG-SECRET, each value that must survive holds KEEP) never reach a
// snapshot, and the snapshot itself is readable by its owner only.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { redactFile } from "../src/host/snapshot/redact.js";
import { writeSnapshot } from "../src/host/snapshot/write-snapshot.js";
import { REPO_ROOT } from "./support/paths.js";

const HOST = join(REPO_ROOT, "test", "fixtures", "secrets-host");
const tmp = mkdtempSync(join(tmpdir(), "linkguard-secrets-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((rel) => join(dir, rel))
    .filter((p) => statSync(p).isFile());
}

const count = (text: string, word: string) => text.split(word).length - 1;

test("redactFile removes every planted secret in every format and keeps every KEEP value", () => {
  const files = filesUnder(join(HOST, "etc"));
  assert.ok(files.length >= 12, `${files.length} fixture files`);
  for (const path of files) {
    const rel = relative(HOST, path);
    const text = readFileSync(path, "utf8");
    const out = redactFile(rel, text);
    assert.equal(count(out.text, "LG-SECRET"), 0, `${rel}:\n${out.text}`);
    assert.equal(count(out.text, "KEEP"), count(text, "KEEP"), `${rel} lost a value:\n${out.text}`);
    assert.equal(out.count > 0, text.includes("LG-SECRET"), `${rel}: ${out.count} redactions`);
    if (/\.ya?ml$/.test(rel))
      assert.ok(
        parseAllDocuments(out.text).every((d) => d.errors.length === 0),
        `${rel} is no longer YAML:\n${out.text}`,
      );
  }
});

test("YAML flow style and [vpn-secrets] are redacted (the per-line redaction missed them)", () => {
  const flow = redactFile(
    "etc/netplan/x.yaml",
    "network:\n  tunnels:\n    wg0: {mode: wireguard, keys: {private: p1, shared: 's2'}}\n",
  );
  assert.equal(flow.count, 2);
  assert.ok(!/p1|s2/.test(flow.text), flow.text);
  const vpn = redactFile(
    "etc/NetworkManager/system-connections/v.nmconnection",
    "[vpn-secrets]\nanything=v3\n",
  );
  assert.equal(vpn.text, "[vpn-secrets]\nanything=<redacted by linkguard>\n");
});

test("a snapshot of a host holding those files holds none of the secrets", () => {
  const result = writeSnapshot({
    outDir: join(tmp, "dir"),
    root: HOST,
    asDirectory: true,
    version: "test",
  });
  const copied = filesUnder(result.path);
  const configs = copied.filter((p) => relative(result.path, p).startsWith("etc/"));
  assert.ok(configs.length >= 8, `config files copied: ${configs.length}`);
  for (const p of copied)
    assert.equal(count(readFileSync(p, "utf8"), "LG-SECRET"), 0, relative(result.path, p));
});

test("the snapshot tarball is 0600 and the directory form 0700, whatever the umask", () => {
  const old = process.umask(0o022);
  try {
    const tar = writeSnapshot({ outDir: join(tmp, "tar"), root: HOST, version: "test" });
    assert.equal(statSync(tar.path).mode & 0o777, 0o600);
    const dir = writeSnapshot({
      outDir: join(tmp, "dir2"),
      root: HOST,
      asDirectory: true,
      version: "test",
    });
    assert.equal(statSync(dir.path).mode & 0o777, 0o700);
    const listing = execFileSync("tar", ["-tzvf", tar.path], { encoding: "utf8" });
    assert.match(listing, /^drwx------ /m, "the top directory inside the tarball is 0700 too");
  } finally {
    process.umask(old);
  }
});
