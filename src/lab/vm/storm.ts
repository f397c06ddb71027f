// The `storm` wire fault: one frame repeated at a high rate toward the partner, as the
// incident-004 dataplane did. The host writes it into the partner's tap (a frame the host
// sends on a tap is what the VM behind it receives) with a raw packet socket; node has none,
// so a few lines of python3 do the sending. Bounded by time and by count.
import { run } from "../../host/exec.js";

/** The sender, run as `python3 -c STORM_PY TAP SRC_MAC SECONDS MAX_FRAMES`; prints the count. */
const STORM_PY = `
import socket, sys, time
tap, mac, secs, most = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((tap, 0))
# broadcast, from the NIC's MAC, IEEE 802 local experimental ethertype 0x88b5, padded to 60
frame = bytes.fromhex("ffffffffffff" + mac.replace(":", "") + "88b5") + b"linkguard storm".ljust(46, b"\\0")
n, end = 0, time.monotonic() + secs
while n < most and time.monotonic() < end:
    for _ in range(100):
        try:
            s.send(frame)
        except OSError:
            time.sleep(0.001)
        n += 1
print(n)
`;

const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const TAP_RE = /^lg-[a-z0-9]{4,8}-t\d{1,2}$/;

export function stormArgv(
  tap: string,
  srcMac: string,
  seconds: number,
  maxFrames: number,
): string[] {
  if (!TAP_RE.test(tap)) throw new Error(`storm: "${tap}" is not a lab tap`);
  if (!MAC_RE.test(srcMac)) throw new Error(`storm: bad MAC "${srcMac}"`);
  if (!(seconds > 0 && seconds <= 600)) throw new Error("storm: 0 < seconds <= 600");
  if (!Number.isInteger(maxFrames) || maxFrames < 1 || maxFrames > 100_000_000)
    throw new Error("storm: frames 1-100000000");
  return ["python3", "-c", STORM_PY, tap, srcMac, String(seconds), String(maxFrames)];
}

/** Sends the storm into `tap` for at most `seconds`; resolves with the frames sent. */
export async function storm(
  tap: string,
  srcMac: string,
  seconds: number,
  maxFrames = 10_000_000,
): Promise<number> {
  const out = await run(stormArgv(tap, srcMac, seconds, maxFrames), {
    timeoutMs: seconds * 1000 + 10_000,
  });
  return Number(out.trim());
}
