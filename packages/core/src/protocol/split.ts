/**
 * Frames stay within `MAX_FRAME_BYTES` in both directions, whatever a room holds: a snapshot larger
 * than a frame goes as several `snapshot` frames (`part` 0…`parts`−1, each with some of the records),
 * which the client applies at once when the last part arrived; a delta larger than a frame goes as
 * several deltas with consecutive seqs. Every host splits with these functions, so the rule is one.
 */
import { byteLength } from './codec.js';
import { type Change, MAX_FRAME_BYTES, type RoomState, type SnapshotFrame } from './frames.js';

/** The largest public record a feature may keep: it must fit one frame with its envelope. */
export const MAX_RECORD_BYTES = 12 * 1024;

/** Room for everything around the records of a part: the envelope, the viewer's own records. */
const ENVELOPE_RESERVE = 2 * 1024;

/**
 * The room's state in parts whose JSON stays under `budget` bytes each; the first part names every
 * collection (an empty one too), later ones only those they carry records of.
 */
export function splitState(state: RoomState, budget = MAX_FRAME_BYTES - ENVELOPE_RESERVE): RoomState[] {
  const parts: RoomState[] = [];
  let part: RoomState = {};
  let size = 2;
  let records = 0;
  const open = (coll: string) => {
    part[coll] = {};
    size += byteLength(JSON.stringify(coll)) + 4;
  };
  // Every name first: a collection after one that spills over into later parts is named too.
  for (const coll of Object.keys(state)) open(coll);
  for (const [coll, collection] of Object.entries(state)) {
    for (const [id, record] of Object.entries(collection)) {
      const bytes = byteLength(JSON.stringify(id)) + byteLength(JSON.stringify(record)) + 2;
      const opening = Object.hasOwn(part, coll) ? 0 : byteLength(JSON.stringify(coll)) + 4;
      if (size + opening + bytes > budget && records > 0) {
        parts.push(part);
        part = {};
        size = 2;
        records = 0;
      }
      if (!Object.hasOwn(part, coll)) open(coll);
      part[coll]![id] = record;
      size += bytes;
      records++;
    }
  }
  parts.push(part);
  return parts;
}

/** The snapshot as frames of at most `max` bytes: one frame when it fits, else numbered parts. */
export function snapshotFrames(frame: SnapshotFrame, max = MAX_FRAME_BYTES): SnapshotFrame[] {
  const whole = byteLength(JSON.stringify(frame));
  if (whole <= max) return [frame];
  const { state, ...head } = frame;
  // The usual cut (the one the server shares between viewers), tighter when the head is unusually large.
  const reserve = Math.max(ENVELOPE_RESERVE, byteLength(JSON.stringify(head)) + 64);
  const parts = splitState(state, Math.max(1024, max - reserve));
  return parts.map((part, index) => ({ ...head, state: part, part: index, parts: parts.length }));
}

/** Changes in groups whose JSON stays under `budget` bytes: each group one delta. */
export function splitChanges(changes: Change[], budget = MAX_FRAME_BYTES - ENVELOPE_RESERVE): Change[][] {
  const groups: Change[][] = [];
  let group: Change[] = [];
  let size = 2;
  for (const change of changes) {
    const bytes = byteLength(JSON.stringify(change)) + 1;
    if (size + bytes > budget && group.length) {
      groups.push(group);
      group = [];
      size = 2;
    }
    group.push(change);
    size += bytes;
  }
  if (group.length || !groups.length) groups.push(group);
  return groups;
}
