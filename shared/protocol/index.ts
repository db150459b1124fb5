export * from './entities.js';
export * from './control-room.js';
export * from './health.js';
export * from './history.js';
export * from './dispatch.js';
export * from './integrations.js';
export * from './carriers.js';
export * from './templates.js';
