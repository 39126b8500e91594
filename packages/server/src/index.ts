export { createServer, type OnairServer, type ServerOptions } from './app.js';
export type { Clock, Timer } from './clock.js';
export { type CliConfig, parseConfig } from './config.js';
export type { Database } from './db.js';
export { serverFeatures } from './features.js';
export { signViewerToken, verifyViewerToken } from './identity.js';
export { DEFAULT_LIMITS, type LiveLimits } from './live.js';
