// `track()` through Segment analytics-next, settings given inline (no CDN fetch), sending to the sink.
import { AnalyticsBrowser } from '@segment/analytics-next';

let analytics: AnalyticsBrowser;

async function setup(sink: string) {
  const url = new URL(sink);
  analytics = AnalyticsBrowser.load({
    writeKey: 'bench',
    cdnSettings: {
      integrations: {
        'Segment.io': { apiKey: 'bench', apiHost: `${url.host}${url.pathname}/segment`, protocol: 'http' },
      },
    },
  });
  await analytics.ready();
}

async function run(n: number) {
  const start = performance.now();
  const sent: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) sent.push(analytics.track('bench.event', { i, widget: 'poll', option: 'a' }));
  const sync = performance.now() - start;
  await Promise.all(sent);
  return { syncMs: sync, settledMs: performance.now() - start };
}

window.bench = { setup, run };
