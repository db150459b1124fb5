// The HTTP carrier's public face: config schema, factory and the callback adapter for node:http.
export { HttpCarrierConfig, type HttpCarrierConfigInput } from './config.js';
export { createHttpCarrier, HttpCarrier } from './http-carrier.js';
export { callbackListener, type CallbackRequest, type CallbackResponse, MAX_CALLBACK_BYTES } from './callback.js';
