import assert from "node:assert/strict";
import { test } from "node:test";
import { REDACTED, redactSecrets } from "./redact.js";

test("redactSecrets hides a NetworkManager PSK and 802.1X password but keeps key-mgmt", () => {
  const nm =
    "[wifi-security]\nkey-mgmt=wpa-psk\npsk=hunter22\n[802-1x]\npassword=s3cret\npassword-flags=0\n";
  const { text, count } = redactSecrets(nm);
  assert.equal(count, 2);
  assert.match(text, /key-mgmt=wpa-psk/);
  assert.match(text, /password-flags=0/);
  assert.doesNotMatch(text, /hunter22|s3cret/);
  assert.match(text, new RegExp(`psk=${REDACTED}`));
});

test("redactSecrets hides netplan wifi passwords and wireguard keys", () => {
  const yaml = [
    "network:",
    "  wifis:",
    "    wlan0:",
    "      access-points:",
    '        "home":',
    '          password: "correct horse"',
    "  tunnels:",
    "    wg0:",
    "      keys:",
    "        private: aGVsbG8gd29ybGQ=",
    "        shared: c2hhcmVk",
    "      auth:",
    "        key-management: psk",
  ].join("\n");
  const { text, count } = redactSecrets(yaml);
  assert.equal(count, 3);
  assert.doesNotMatch(text, /correct horse|aGVsbG8|c2hhcmVk/);
  assert.match(text, /key-management: psk/);
});

test("redactSecrets hides wpa_supplicant, ifcfg, networkd and ifupdown secrets", () => {
  const cases: Array<[string, string]> = [
    ['network={\n  ssid="x"\n  psk="abcdefgh"\n}', "abcdefgh"],
    ["WPA_PSK='topsecret'\nDEVICE=wlan0", "topsecret"],
    ["KEY1=s:abcde", "abcde"],
    ["[WireGuard]\nPrivateKey=EEGlnEPYJV//kbvvIqxKkQwOiS+UENyPncC4bF46ong=", "EEGln"],
    ["iface wlan0 inet dhcp\n    wpa-psk mysecretpass\n", "mysecretpass"],
  ];
  for (const [input, secret] of cases) {
    const { text, count } = redactSecrets(input);
    assert.equal(count, 1, input);
    assert.ok(!text.includes(secret), `${secret} left in ${text}`);
  }
});

test("redactSecrets leaves bonding options and comments alone", () => {
  const ifcfg = '# password=commented\nDEVICE=bond0\nBONDING_OPTS="mode=4 miimon=100"\n';
  assert.deepEqual(redactSecrets(ifcfg), { text: ifcfg, count: 0 });
});
