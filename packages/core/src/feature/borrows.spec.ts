// A feature that borrows another's private collection (a red-packet rain crediting the gift
// wallet): its handler reads and changes it in the same answer, the host learns the record's scope
// from its owner, the ack shows it as the owner shows it; a collection neither owned nor borrowed
// is still refused.
import { describe, expect, it } from 'vitest';
import { parser, strict } from '../validation/index.js';
import { defineFeature, done } from './define.js';
import { type Done, RoomEngine } from './engine.js';

type Wallet = { balance: number };

/** Owns the wallet, shared by every room, shown with its currency. */
const bank = defineFeature<{ banks: { open: boolean } }, { bank: { wallet?: Wallet } }>({
  name: 'bank',
  collections: { banks: {} },
  private: ['bank'],
  viewerScoped: { bank: ['wallet'] },
  viewMine: (_state, mine) => ({
    bank: { wallet: { balance: mine.bank?.wallet?.balance ?? 100, currency: 'COIN' } },
  }),
});

/** Pays prizes into the bank's wallet; `prize.steal` writes a collection it neither owns nor borrows. */
const prizes = defineFeature<
  { prizes: { left: number } },
  { prizes: { [id: string]: number }; bank: { wallet?: Wallet } }
>({
  name: 'prizes',
  collections: { prizes: { initial: { p1: { left: 3 } } } },
  private: ['prizes'],
  borrows: ['bank'],
  actions: {
    'prize.take': {
      parse: parser(strict({})),
      run(state, _payload, ctx) {
        const balance = (ctx.mine.bank?.wallet?.balance ?? 100) + 5;
        const left = state.get('prizes', 'p1')!.left - 1;
        return done(
          { balance },
          {
            changes: [{ coll: 'prizes', id: 'p1', value: { left } }],
            mine: { prizes: { p1: 5 }, bank: { wallet: { balance } } },
          },
        );
      },
    },
    'prize.steal': {
      parse: parser(strict({})),
      run: () => done({}, { mine: { other: { x: 1 } } as never }),
    },
  },
});

const viewer = { id: 'v1', key: 'a:v1' };
const engine = () => new RoomEngine({ room: 'r', features: [bank, prizes], now: () => 0, onError: () => {} });

describe('borrows', () => {
  it('lets a handler read and change the borrowed collection, scoped and shown as its owner says', () => {
    const ran = engine().act(viewer, { bank: { wallet: { balance: 40 } } }, 'prize.take', {}, 'k1') as Done;
    expect(ran.ok).toBe(true);
    expect(ran.result).toEqual({ balance: 45 });
    expect(ran.mine).toEqual([
      { coll: 'prizes', id: 'p1', value: 5, viewerScoped: false },
      { coll: 'bank', id: 'wallet', value: { balance: 45 }, viewerScoped: true },
    ]);
    expect(ran.ackMine).toEqual({ prizes: { p1: 5 }, bank: { wallet: { balance: 45, currency: 'COIN' } } });
  });

  it('still refuses a private collection the feature neither owns nor borrows', () => {
    const ran = engine().act(viewer, {}, 'prize.steal', {}, 'k2');
    expect(ran).toMatchObject({ ok: false, error: { code: 'internal_error' } });
  });

  it('leaves the snapshot’s view of the borrowed collection to its owner', () => {
    expect(engine().mineView({ bank: { wallet: { balance: 7 } }, prizes: { p1: 5 } })).toEqual({
      bank: { wallet: { balance: 7, currency: 'COIN' } },
      prizes: { p1: 5 },
    });
  });
});
