// Every read of the server's JSON goes through getJson: a 401 asks for the token once and
// retries, and an error names the route and the server's own message.
import { login } from "./login-dialog.js";

class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(`${path}: ${message} (HTTP ${status})`);
  }
}

export async function getJson<T>(path: string, retried = false): Promise<T> {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (res.status === 401 && !retried) {
    await login();
    return getJson<T>(path, true);
  }
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === "string") message = body.error;
    } catch {
      // Not JSON (a proxy's error page): the status text is all there is.
    }
    throw new ApiError(path, res.status, message);
  }
  return (await res.json()) as T;
}

/** `/api/series?from=1&to=2` from a route and its parameters (undefined ones left out). */
export function apiPath(
  route: string,
  params: Record<string, string | number | undefined>,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === "" ? route : `${route}?${s}`;
}
