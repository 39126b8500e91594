// `pnpm dev`'s first start of the demo room, run by scripts/dev.js once the server listens: the
// demo page's own seed (an open poll, the demo products with one pinned, the gift catalog, the
// crowd — apps/demo/src/seed.ts, through the ops API), a short survey, and the crowd with its pages'
// telemetry. So the console's dashboard has every chart filled within a minute of `pnpm dev`, even
// before anyone opens the demo. A room that already has things keeps them; its crowd is restarted
// if the server's restart stopped it.
const server = process.env['ONAIR_SERVER'] ?? 'http://127.0.0.1:8787';
const room = process.env['ONAIR_ROOM'] ?? 'demo';
const token = process.env['ONAIR_OPS_TOKEN'] ?? 'dev-ops-token';
// The demo builds its product image URLs from the page's address: give it the demo's.
Object.assign(globalThis, { location: new URL(process.env['DEMO_URL'] ?? 'http://127.0.0.1:5173/') });

const { serverOps } = await import('../apps/demo/src/ops.js');
const { commerceOps } = await import('../apps/demo/src/commerce.js');
const { giftOps } = await import('../apps/demo/src/gifts.js');
const { seedIfEmpty } = await import('../apps/demo/src/seed.js');

export const DEV_SURVEY = {
  id: 'show-feedback',
  title: { en: 'How is the show?', 'zh-CN': '直播体验如何？' },
  questions: [
    { id: 'like', type: 'yesno', title: { en: 'Do you like the products?', 'zh-CN': '喜欢这些商品吗？' } },
    { id: 'host', type: 'rating', title: { en: 'Rate the host', 'zh-CN': '给主播打分' } },
    { id: 'next', type: 'text', title: { en: 'What should we show next?', 'zh-CN': '下次想看什么？' } },
  ],
};

const ops = serverOps(server, room, token);
const seeded = await seedIfEmpty(ops, commerceOps(ops), giftOps(ops));
const { state, crowd } = await ops.roomState();
if (!Object.keys(state['surveys'] ?? {}).length)
  await ops.command('survey.create', { survey: DEV_SURVEY, open: true });
if (!crowd) await ops.crowd(true);
process.stdout.write(
  `onair dev: room "${room}" ${seeded.poll ? 'seeded (poll, products, gifts, survey)' : 'kept as it was'}; simulated crowd with telemetry running\n`,
);
