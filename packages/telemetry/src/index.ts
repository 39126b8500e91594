export type { Consent, Stage, Telemetry, TelemetryOptions, TelemetryRecord } from './client.js';
export { createTelemetry } from './client.js';
export type { Batch, Envelope, TrackContext, WidgetRef } from './envelope.js';
export { ENVELOPE_VERSION } from './envelope.js';
export type { DropReason } from './queue.js';
export type { SampleRate } from './sampling.js';
