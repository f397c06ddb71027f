// What every persistent-config parser returns: bonds/teams and addresses it declares.
import type { ConfiguredAddress, ConfiguredBond } from "../model.js";

export interface ConfigResult {
  bonds: ConfiguredBond[];
  addresses: ConfiguredAddress[];
}
