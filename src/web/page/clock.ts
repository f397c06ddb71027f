// The server's clock, not the viewer's: "last 15 minutes" means the watcher's last 15 minutes
// even when the laptop showing it is a few seconds off.
let offsetMs = 0;

export function setServerNow(serverNowMs: number): void {
  offsetMs = serverNowMs - Date.now();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
