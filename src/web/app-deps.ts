// What the web app is given: the store, the doctor, the clock and the paths it serves from.
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
  now: () => number;
  stream?: StreamOptions;
  /** The package root holding src/web/static and dist/web/page (default: this package). */
  assetsRoot?: string;
}
