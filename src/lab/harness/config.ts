// The config file a lab daemon reads: a typed object (the daemons' own schemas give the
// types), written out by the YAML library, so a path or a name can never break the file.
import { stringify } from "yaml";
import type { z } from "zod";
import type { mpathConfigSchema } from "../../mpath/config.js";
import type { watchConfigSchema } from "../../watch/config.js";

export interface LabConfig {
  watch?: z.input<typeof watchConfigSchema>;
  mpath?: z.input<typeof mpathConfigSchema>;
}

export function renderConfig(config: LabConfig): string {
  return stringify(config);
}

export interface MpathLabGroup {
  /** Where the daemon writes its status and its store (a run's own temporary folder). */
  statusFile: string;
  store: string;
  /** The data address (with its prefix), homed on eth0. */
  data: string;
  standby: readonly string[];
  failureDetectionMs: number;
  /** The router the members probe. */
  target: string;
}

/**
 * The lab's mpath group: eth0 and eth1 probing one target, no automatic targets, no grace
 * after link-up and two announcements, so a run measures detection and the move, not waits.
 */
export function mpathLabConfig(g: MpathLabGroup): LabConfig {
  return {
    mpath: {
      status_file: g.statusFile,
      store: { path: g.store },
      groups: [
        {
          name: "web",
          members: ["eth0", "eth1"],
          standby: [...g.standby],
          data_addresses: { eth0: [g.data] },
          failure_detection_ms: g.failureDetectionMs,
          targets: [g.target],
          auto_targets: false,
          link_up_grace_ms: 0,
          announce_count: 2,
        },
      ],
    },
  };
}
