// What the web app is given: the store, the doctor, the clock and the paths it serves from.
import type { SessionKey } from "./auth.js";
import type { DoctorCache } from "./doctor-run.js";
import type { StoreHandle } from "./store-handle.js";
import type { StreamOptions } from "./stream.js";

export interface AppDeps {
  store: StoreHandle;
  captureDir: string;
  doctor: DoctorCache;
  mpathStatusFile: string | null;
  token?: string | undefined;
  host?: string | undefined;
  /**
   * Host names (besides IP literals and localhost) the server answers to: the listen name
   * and serve.hosts. Requests naming any other host get 403 (DNS rebinding).
   */
  hostNames?: readonly string[];
  /** Signs the login cookie; a fresh one per process by default. */
  sessionKey?: SessionKey;
  now: () => number;
  stream?: StreamOptions;
  /** The package root holding src/web/static and dist/web/page (default: this package). */
  assetsRoot?: string;
}
