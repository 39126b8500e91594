/**
 * The engine a cluster node keeps for a room another node owns: the same records, for snapshots,
 * kept up to date from the owner's deltas. It lives here, not in @onair/core, so the pages that run
 * the engine in-page do not carry what only a cluster node needs.
 */
import { RoomEngine } from '@onair/core/feature.js';

export class FollowerEngine extends RoomEngine {
  /** Applies records as the room's owner stored them: no handler runs and no timer is armed here. */
  apply(changes: Iterable<{ coll: string; id: string; value: object | null }>): void {
    for (const { coll, id, value } of changes) {
      const records = this.records.get(coll);
      if (!records) continue; // a collection of a feature this host does not run
      if (value === null) records.delete(id);
      else records.set(id, value);
    }
  }
}
