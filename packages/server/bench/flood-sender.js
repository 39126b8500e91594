// Collector flood: N senders post batches of new events to `<url>/v1/events` back to back, as an
// attacker would — no Origin, no credentials, Retry-After ignored — until SIGTERM, `count` requests
// or `maxSeconds`, then print one JSON line: requests by status, network errors, events accepted.
// It prints `ready` first, once SIGTERM is handled.
// Plain JavaScript, run by `flood.ts` as its own process: `node flood-sender.js '<json options>'`.

const {
  url,
  senders = 4,
  batch = 200,
  pad = 200,
  count = Infinity,
  maxSeconds = 120,
} = JSON.parse(process.argv[2] ?? '{}');
const endpoint = `${url}/v1/events`;
const byStatus = {};
let requests = 0;
let networkErrors = 0;
let eventsAccepted = 0;
let stopped = false;
let begun = 0;
const started = performance.now();

// Distinct UUID-shaped ids without the cost of crypto: process id, sender and a counter.
let serial = 0;
const prefix = (process.pid % 0xffffffff).toString(16).padStart(8, '0');
const uuid = () => {
  const hex = (serial++).toString(16).padStart(15, '0');
  return `${prefix}-0000-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-000${hex.slice(6)}`;
};

const body = () =>
  JSON.stringify({
    sentAt: Date.now(),
    events: Array.from({ length: batch }, (_, seq) => ({
      v: 1,
      id: uuid(),
      type: 'product.click',
      ts: Date.now(),
      seq,
      session: '0190a000-0000-7000-8000-000000000001',
      viewer: 'flood',
      room: 'flood',
      widget: { kind: 'product-card', id: 'sku-1' },
      props: { product: 'sku-1', position: seq, pad: 'x'.repeat(pad) },
    })),
  });

async function sender() {
  while (!stopped && begun < count) {
    begun += 1;
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        body: body(),
        headers: { 'content-type': 'text/plain' },
      });
      const text = await res.text();
      requests += 1;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      if (res.status === 200) eventsAccepted += JSON.parse(text).accepted;
    } catch {
      networkErrors += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const finish = () => {
  if (stopped) return;
  stopped = true;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ requests, byStatus, networkErrors, eventsAccepted, seconds: Number(seconds.toFixed(2)) })}\n`,
    () => process.exit(0),
  );
};
process.on('SIGTERM', finish);
process.stdout.write('ready\n');
setTimeout(finish, maxSeconds * 1000).unref();
await Promise.all(Array.from({ length: senders }, sender));
finish();
