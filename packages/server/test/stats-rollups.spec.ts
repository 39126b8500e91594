// The Stats API's rollups: kept at ingest, and filled in one go for a file written before they
// existed — both ways must give the same rows. And the bound on what one answer may read.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateShow } from '../bench/stats-dataset.js';
import type { CollectedEvent } from '../src/collector/schema.js';
import { createStatsSource, RangeTooLarge } from '../src/collector/stats/source.js';
import { createEventStore } from '../src/collector/store.js';
import { closeDatabase, openSqlite } from '../src/db.js';
import { tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.remove());

const rows = (db: ReturnType<typeof openSqlite>) => ({
  minutes: db.prepare('SELECT * FROM telemetry_viewer_minutes ORDER BY room, minute, campaign, viewer').all(),
  days: db.prepare('SELECT * FROM telemetry_viewer_days ORDER BY room, viewer, day').all(),
});

describe('stats rollups', () => {
  it('fills a file written before them with what ingest keeps', () => {
    const file = join(temp.dir, 'events.db');
    const db = openSqlite(file);
    const store = createEventStore(db);
    generateShow(20_000, (batch) => store.insert(batch, 0, 0));
    // Sampled heartbeats, one with a dwell past the hour cap, one without a number, one under a
    // campaign, and a batch whose clock was 90 s off.
    const base = { v: 1 as const, seq: 0, session: '0190b000-0000-7000-8000-00000000ffff', room: 'r' };
    const odd: CollectedEvent[] = [
      {
        ...base,
        id: '0190c000-0000-7000-8000-000000000001',
        type: 'session.heartbeat',
        ts: 60_000_123,
        viewer: 'a',
        sampleRate: 0.25,
        props: { dwell: 10_000 },
      },
      {
        ...base,
        id: '0190c000-0000-7000-8000-000000000002',
        type: 'session.heartbeat',
        ts: 60_010_000,
        viewer: 'a',
        props: { dwell: 99_999_999 },
      },
      {
        ...base,
        id: '0190c000-0000-7000-8000-000000000003',
        type: 'session.heartbeat',
        ts: 60_020_000,
        viewer: 'b',
        props: { dwell: 'long' },
      },
      {
        ...base,
        id: '0190c000-0000-7000-8000-000000000004',
        type: 'poll.vote',
        ts: 60_030_000,
        viewer: 'b',
        campaign: 'c1',
      },
    ];
    store.insert(odd, 90_000, 0);
    const kept = rows(db);
    expect(kept.minutes.length).toBeGreaterThan(1000);
    expect(kept.minutes).toContainEqual({
      room: 'r',
      minute: Math.floor((60_000_123 + 90_000) / 60_000),
      campaign: '',
      viewer: 'a',
      beats: 2,
      beat_min_rate: 0.25,
      dwell: 10_000 / 0.25 + 3_600_000,
    });
    db.exec('DROP TABLE telemetry_viewer_minutes; DROP TABLE telemetry_viewer_days;');
    closeDatabase(db);

    const reopened = openSqlite(file);
    createEventStore(reopened);
    expect(rows(reopened)).toEqual(kept);
    closeDatabase(reopened);
  });
});

describe('stats reads', () => {
  it('stop past the rows one answer may read', () => {
    const db = openSqlite(join(temp.dir, 'bounded.db'));
    const store = createEventStore(db);
    generateShow(2_000, (batch) => store.insert(batch, 0, 0));
    const query = {
      room: 'bench-room',
      from: 0,
      to: 8_640_000_000_000_000 - 60_000 * 10,
      campaign: null,
      goal: 'order.placed',
      control: null,
      weights: {},
    };
    const stored = db.prepare("SELECT COUNT(*) FROM telemetry_events WHERE type = 'session.start'").pluck();
    const n = stored.get() as number;
    let starts = 0;
    createStatsSource(db, query, n).events('session.start', () => starts++);
    expect(starts).toBe(n);
    expect(() => createStatsSource(db, query, n - 1).events('session.start', () => {})).toThrow(
      RangeTooLarge,
    );
    expect(() => createStatsSource(db, query, 100).viewers()).toThrow('more than 100 rows');
    closeDatabase(db);
  });
});
