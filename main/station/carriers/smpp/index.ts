// The SMPP carrier's public face: its config schema and factory.
export { SmppCarrierConfig, type SmppCarrierConfigInput } from './config.js';
export { createSmppCarrier, SmppCarrier } from './smpp-carrier.js';
