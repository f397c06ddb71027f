// Detector thresholds. Defaults follow in.mpathd where it has one (5 losses = failed is its
// rule at 1 s probes; we default to 3 because our probes are spaced for faster detection).
export interface DetectorConfig {
  /** Consecutive lost probes before a path is failed (probe-loss). */
  probeLossCount: number;
  /** Consecutive answered probes before a failed path is repaired (probe-recovered). */
  probeRecoverCount: number;
  /** An RTT over avg + 4 x deviation and over this floor is a spike. */
  rttSpikeFloorMs: number;
  /** This many carrier changes within flapWindowMs is a carrier-flap. */
  flapCount: number;
  flapWindowMs: number;
  /** Receive at zero this long while carrier is up is a traffic-stall. */
  stallMs: number;
  /** Receive packets/s over this and over stormFactor x the baseline is a pps-storm. */
  stormMinPps: number;
  stormFactor: number;
  /** Errors + drops per second over this is an error-burst. */
  errorBurstPerSecond: number;
  /** Receive frames arriving since a path failed, before the failure is called a tx-stall. */
  txStallRxFrames: number;
}

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  probeLossCount: 3,
  probeRecoverCount: 5,
  rttSpikeFloorMs: 50,
  flapCount: 3,
  flapWindowMs: 60_000,
  stallMs: 3_000,
  stormMinPps: 20_000,
  stormFactor: 10,
  errorBurstPerSecond: 10,
  txStallRxFrames: 2,
};
