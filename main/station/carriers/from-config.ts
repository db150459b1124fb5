// Builds the carriers a station starts with from its `--carrier` setting.
import type { Carrier } from './carrier.js';
import { SimulatorCarrier } from './simulator.js';
import type { StationConfig } from '../config.js';
import { ConfigError } from '../config.js';

export function carriersFromConfig(config: StationConfig): Carrier[] {
  if (config.carrier === 'simulator') {
    const s = config.simulator;
    return [
      new SimulatorCarrier({
        ...(s.seed !== undefined ? { seed: s.seed } : {}),
        ...(s.deliveryLatencyMs ? { deliveryLatencyMs: s.deliveryLatencyMs } : {}),
        ...(s.replyLatencyMs ? { replyLatencyMs: s.replyLatencyMs } : {}),
        ...(s.failureRate !== undefined ? { failureRate: s.failureRate } : {}),
        ...(s.replyRate !== undefined ? { replyRate: s.replyRate } : {}),
        ...(s.submitLatencyMs !== undefined ? { submitLatencyMs: s.submitLatencyMs } : {}),
        ...(s.ledgerFile ? { ledgerFile: s.ledgerFile } : {}),
      }),
    ];
  }
  throw new ConfigError(`The carrier "${config.carrier}" is not available in this build yet. Use --carrier simulator.`);
}
