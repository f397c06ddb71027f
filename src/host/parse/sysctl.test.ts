import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSysctl, sysctlKeyFromProcPath } from "./sysctl.js";

test("parseSysctl reads sysctl -a lines with their line numbers", () => {
  const text =
    "net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.tcp_rmem = 4096\t131072\t6291456\nsysctl: permission denied on key 'fs.protected_fifos'\n";
  const { value, problems } = parseSysctl(text, "sos_commands/kernel/sysctl_-a");
  assert.deepEqual(problems, []);
  assert.deepEqual(
    value.map((s) => [s.key, s.value, s.source.line]),
    [
      ["net.ipv4.conf.all.arp_ignore", "1", 1],
      ["net.ipv4.tcp_rmem", "4096\t131072\t6291456", 2],
    ],
  );
});

test("parseSysctl reads sysctl.d syntax: comments, '-' prefix, '/' separators with dotted names", () => {
  const text =
    "# DSR real server\n; old comment\n-net.ipv4.conf.lo.arp_ignore=1\nnet/ipv4/conf/eth0.100/arp_announce = 2\n\n";
  const { value } = parseSysctl(text, "etc/sysctl.d/90-dsr.conf");
  assert.deepEqual(
    value.map((s) => [s.key, s.value]),
    [
      ["net.ipv4.conf.lo.arp_ignore", "1"],
      ["net.ipv4.conf.eth0.100.arp_announce", "2"],
    ],
  );
});

test("parseSysctl reports a line without '=' and keeps going", () => {
  const { value, problems } = parseSysctl("garbage line\nnet.ipv4.ip_forward = 0\n", "f");
  assert.equal(problems[0]?.line, 1);
  assert.equal(value.length, 1);
});

test("sysctlKeyFromProcPath turns a /proc/sys path into the dotted key", () => {
  assert.equal(
    sysctlKeyFromProcPath("net/ipv4/conf/all/arp_ignore"),
    "net.ipv4.conf.all.arp_ignore",
  );
  assert.equal(
    sysctlKeyFromProcPath("proc/sys/net/ipv4/conf/eth0.100/arp_ignore"),
    "net.ipv4.conf.eth0.100.arp_ignore",
  );
});
