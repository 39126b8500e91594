import * as core from '@onair/core/channel.js';
import { expect, it } from 'vitest';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from '../src/protocol.js';

it('repeats the protocol constants of @onair/core exactly', () => {
  expect(PROTOCOL_VERSION).toBe(core.PROTOCOL_VERSION);
  expect(MAX_FRAME_BYTES).toBe(core.MAX_FRAME_BYTES);
});
