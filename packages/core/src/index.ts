// First: lit-html must not load before the Trusted Types guard (see trusted-types.ts).
import './trusted-types.js';

export { AnnounceController } from './announcer.js';
export { baseStyles } from './base/base.styles.js';
export { OnairElement } from './base/onair-element.js';
export * from './channel/index.js';
export * from './context/create-room.js';
export * from './context/room-context.js';
export { cssProps } from './directives/css-props.js';
export * from './events.js';
export { keepFocus } from './focus.js';
export * from './i18n/index.js';
export {
  dispatchIntent,
  type IntentAnswer,
  type IntentDetail,
  IntentError,
  type IntentFields,
  type IntentOutcome,
} from './intent.js';
export { OnairRoomElement } from './room/room.js';
export {
  INVALID_JSON,
  jsonAttribute,
  type PrivateRoom,
  RoomSourceController,
  type RoomSourceOptions,
  type StaticModule,
  StaticSourceController,
  type StaticSourceOptions,
} from './room-source.js';
export { NarrowController } from './sheet/narrow.js';
export { type SheetContent, SheetController, type SheetHost } from './sheet/sheet.js';
export { sheetStyles } from './sheet/sheet.styles.js';
export { StoreController } from './store-controller.js';
export { type TelemetryHost, type Tracker, WidgetTelemetryController } from './telemetry/widget-telemetry.js';
export { type ParseResult, parse } from './validation/index.js';
export type { ValidationIssue } from './validation/issue.js';
export { describe, formatIssue } from './validation/messages.js';
export { VERSION } from './version.js';
