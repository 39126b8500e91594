// `track()` through Snowplow's browser tracker (self-describing events, POST, its defaults).
import { newTracker, trackSelfDescribingEvent } from '@snowplow/browser-tracker';

function setup(sink: string) {
  newTracker('bench', `${sink}/snowplow`, { appId: 'bench', eventMethod: 'post' });
}

async function run(n: number) {
  const start = performance.now();
  for (let i = 0; i < n; i++)
    trackSelfDescribingEvent({
      event: { schema: 'iglu:com.example/bench/jsonschema/1-0-0', data: { i, widget: 'poll', option: 'a' } },
    });
  const sync = performance.now() - start;
  return { syncMs: sync, settledMs: Number.NaN };
}

window.bench = { setup, run };
