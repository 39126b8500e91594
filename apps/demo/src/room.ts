import 'onair/onair-room.js';
import 'onair/onair-poll.js';
import 'onair/onair-debug.js';
import 'onair/onair-gift-feed.js';
import 'onair/onair-gift-panel.js';
import 'onair/onair-product-card.js';
import 'onair/onair-product-shelf.js';
import type { Theme } from '@onair/core';
import { startChat } from './chat.js';
import { commerceOps, startHostCart } from './commerce.js';
import { giftOps, startHostTopup } from './gifts.js';
import { offlineOps, serverOps } from './ops.js';
import { pollPreset } from './presets.js';

const params = new URLSearchParams(location.search);
const server = params.get('server') ?? import.meta.env.VITE_ONAIR_SERVER ?? '';
const roomId = params.get('room') ?? 'demo';
const ops = server
  ? serverOps(
      server,
      roomId,
      params.get('opsToken') ?? import.meta.env.VITE_ONAIR_OPS_TOKEN ?? 'dev-ops-token',
    )
  : offlineOps(roomId);

const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;
const room = $<HTMLElementTagNameMap['onair-room']>('#room');
const status = $<HTMLElement>('#status');
const log = $<HTMLElement>('#ops-log');
let currentPoll = '';

room.roomId = roomId;
if (server) {
  room.server = server;
  room.telemetryEndpoint = new URL('/v1/events', server).href;
} else room.transport = ops.transport;

const channel = () => room.context?.channel;
const showStatus = () => {
  const state = channel()?.$status.get() ?? 'idle';
  status.textContent = ops.mode === 'offline' ? `offline demo · ${state}` : `${server} · ${state}`;
};
// The room builds its context on its first update; subscribe once it has.
void room.updateComplete.then(() => channel()?.$status.subscribe(showStatus));

async function run(label: string, action: () => Promise<void>) {
  try {
    await action();
    log.textContent = label;
  } catch (error) {
    log.textContent = `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-open]')) {
  button.addEventListener('click', () => {
    const config = pollPreset(button.dataset.open ?? 'single', $<HTMLSelectElement>('#lang').value);
    currentPoll = config.id;
    void run(`Opened poll ${config.id}`, () => ops.openPoll(config));
  });
}
$('#close').addEventListener('click', () => {
  if (currentPoll) void run(`Closed poll ${currentPoll}`, () => ops.closePoll(currentPoll));
});
$<HTMLInputElement>('#crowd').addEventListener('change', (event) => {
  const on = (event.target as HTMLInputElement).checked;
  void run(on ? 'Simulated crowd on' : 'Simulated crowd off', () => ops.crowd(on));
});
$<HTMLSelectElement>('#lang').addEventListener('change', (event) => {
  const lang = (event.target as HTMLSelectElement).value;
  room.setAttribute('lang', lang);
  document.documentElement.lang = lang;
});
$<HTMLSelectElement>('#theme').addEventListener('change', (event) => {
  room.theme = (event.target as HTMLSelectElement).value as Theme;
});

startChat($<HTMLOListElement>('#chat'));

// Live commerce: the host's cart answers intents; ops pin, unpin and sell through the ops API.
const commerce = commerceOps(ops);
startHostCart(room, commerce, (text) => {
  log.textContent = text;
});
$('#seed-products').addEventListener('click', () => void run('Loaded demo products', () => commerce.seed()));
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-pin], [data-unpin], [data-sell]')) {
  button.addEventListener('click', () => {
    const { pin, unpin, sell } = button.dataset;
    if (pin) void run(`Pinned ${pin}`, () => commerce.pin(pin));
    else if (unpin) void run(`Unpinned ${unpin}`, () => commerce.unpin(unpin));
    else if (sell) void run(`Host reported 1 ${sell} sold`, () => commerce.stock(sell, -1));
  });
}
if (ops.mode === 'offline' && params.get('autoproducts') !== 'off')
  void commerce.seed().then(() => commerce.pin('lipstick'));
// Gifts: ops load the catalog; the host answers top-ups; `?name=` is the viewer's display name.
const gifts = giftOps(ops);
const giftPanel = $<HTMLElementTagNameMap['onair-gift-panel']>('#gift-panel');
giftPanel.senderName = params.get('name') ?? 'You';
startHostTopup(
  giftPanel,
  gifts,
  () => channel()?.$viewer.get()?.id,
  (text) => {
    log.textContent = text;
  },
);
$('#load-gifts').addEventListener(
  'click',
  () => void run('Loaded the gift catalog', () => gifts.loadCatalog()),
);
if (ops.mode === 'offline' && params.get('autogifts') !== 'off') void gifts.loadCatalog();
if (ops.mode === 'offline' && params.get('autopoll') !== 'off') {
  const config = pollPreset('single', 'en');
  currentPoll = config.id;
  void ops.openPoll(config);
}
