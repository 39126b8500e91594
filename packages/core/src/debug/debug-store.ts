import type { Telemetry, TelemetryRecord } from '@onair/telemetry';
import { atom, onMount, type ReadableAtom } from 'nanostores';

export interface DebugRow {
  key: number;
  at: number;
  stage: TelemetryRecord['stage'];
  type: string;
  id: string;
  detail: string;
}

/** Most rows kept: an overlay for developers, not a log store. */
const MAX_ROWS = 200;

/** Observes a telemetry client while someone listens, newest rows first. */
export function createDebugStore(telemetry: Pick<Telemetry, 'observe'>): ReadableAtom<DebugRow[]> {
  const $rows = atom<DebugRow[]>([]);
  let key = 0;
  onMount($rows, () =>
    telemetry.observe((record) => {
      const detail = record.detail ? JSON.stringify(record.detail) : '';
      const added = record.events.map((event) => ({
        key: key++,
        at: Date.now(),
        stage: record.stage,
        type: event.type,
        id: event.id,
        detail,
      }));
      $rows.set([...added.reverse(), ...$rows.get()].slice(0, MAX_ROWS));
    }),
  );
  return $rows;
}
