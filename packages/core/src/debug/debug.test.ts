import { createTelemetry } from '@onair/telemetry';
import { expect, fixture, html } from '@open-wc/testing';
import '../onair-debug.js';
import type { OnairDebug } from './debug.js';

/** A real telemetry client posting to an endpoint the test server answers with 404. */
const telemetry = () =>
  createTelemetry({
    endpoint: '/no-such-collector',
    storage: 'memory',
    heartbeat: 0,
    flushInterval: 50,
    name: `debug-${Math.random()}`,
  });

async function until(el: OnairDebug, check: () => boolean): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > 5000) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
  }
}

describe('<onair-debug>', () => {
  it('passes axe', async () => {
    const t = telemetry();
    const el = await fixture<OnairDebug>(html`<onair-debug .telemetry=${t}></onair-debug>`);
    t.track('poll.vote', { poll: 'p1' });
    await until(el, () => el.shadowRoot!.querySelectorAll('tbody tr').length > 0);
    await expect(el).to.be.accessible();
    await t.shutdown();
  });

  it('lists events as they are tracked, sent and dropped by a 404 collector', async () => {
    const t = telemetry();
    const el = await fixture<OnairDebug>(html`<onair-debug .telemetry=${t}></onair-debug>`);
    t.track('order.placed', { value: 1299 });
    const stages = () =>
      [...el.shadowRoot!.querySelectorAll('tbody tr')]
        .filter((row) => row.textContent!.includes('order.placed'))
        .map((row) => row.children[1]!.textContent);
    await until(el, () => stages().includes('dropped'));
    expect(stages()).to.include.members(['tracked', 'sent', 'dropped']);
    await t.shutdown();
  });
});
