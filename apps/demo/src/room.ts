import 'onair/onair-room.js';
import 'onair/onair-poll.js';
import 'onair/onair-debug.js';
import 'onair/onair-gift-effects.js';
import 'onair/onair-gift-feed.js';
import 'onair/onair-gift-panel.js';
import 'onair/onair-product-card.js';
import 'onair/onair-product-shelf.js';
import { startChat } from './chat.js';
import { bindSwitches, type Lang, lookup, words } from './chrome.js';
import { commerceOps, startHostCart } from './commerce.js';
import { giftOps, startHostTopup } from './gifts.js';
import { offlineOps, serverOps } from './ops.js';
import { pollPreset } from './presets.js';
import { seedIfEmpty } from './seed.js';

const params = new URLSearchParams(location.search);
const server = params.get('server') ?? import.meta.env.VITE_ONAIR_SERVER ?? '';
const roomId = params.get('room') ?? 'demo';
const opsToken = params.get('opsToken') ?? import.meta.env.VITE_ONAIR_OPS_TOKEN ?? 'dev-ops-token';
const ops = server ? serverOps(server, roomId, opsToken) : offlineOps(roomId);

const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;
const room = $<HTMLElementTagNameMap['onair-room']>('#room');
const status = $<HTMLElement>('#status');
const log = $<HTMLElement>('#ops-log');
let currentPoll = '';

// The page and the widgets share one language and one theme.
let lang: Lang = 'en';
const prefs = bindSwitches((picked, theme) => {
  lang = picked;
  room.setAttribute('lang', picked);
  room.theme = theme;
  showStatus();
});
lang = prefs.lang;
room.setAttribute('lang', prefs.lang);
room.theme = prefs.theme;
// Wide screens show the ops controls open beside the stream; phones keep them in a menu.
if (matchMedia('(min-width: 56.01rem)').matches) $<HTMLDetailsElement>('#ops').open = true;

room.roomId = roomId;
if (server) {
  room.server = server;
  room.telemetryEndpoint = new URL('/v1/events', server).href;
} else room.transport = ops.transport;

const channel = () => room.context?.channel;
function showStatus(): void {
  const w = words(lang);
  const state = channel()?.$status.get() ?? 'idle';
  const where = ops.mode === 'offline' ? w.offline : new URL(server).host;
  status.textContent = `${where} · ${lookup(w, `status_${state}`) ?? state}`;
  status.dataset.state = state;
}
// The room builds its context on its first update; subscribe once it has.
void room.updateComplete.then(() => channel()?.$status.subscribe(showStatus));

async function run(label: string, action: () => Promise<unknown>) {
  try {
    await action();
    log.textContent = `${label} · ${words(lang).done}`;
  } catch (error) {
    log.textContent = `${label} · ${words(lang).failed}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
const label = (button: HTMLElement) => button.textContent?.trim() ?? '';

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-open]')) {
  button.addEventListener('click', () => {
    const config = pollPreset(button.dataset.open ?? 'single', lang);
    currentPoll = config.id;
    void run(label(button), () => ops.openPoll(config));
  });
}
$<HTMLButtonElement>('#close').addEventListener('click', (event) => {
  if (currentPoll) void run(label(event.currentTarget as HTMLElement), () => ops.closePoll(currentPoll));
});
$<HTMLInputElement>('#crowd').addEventListener('change', (event) => {
  const on = (event.target as HTMLInputElement).checked;
  void run(words(lang).crowd, () => ops.crowd(on));
});

startChat($<HTMLOListElement>('#chat'));

// Live commerce: the host's cart answers intents; ops pin, unpin and sell through the ops API.
const commerce = commerceOps(ops);
startHostCart(room, commerce, (text) => {
  log.textContent = text;
});
$('#seed-products').addEventListener('click', (event) =>
  run(label(event.currentTarget as HTMLElement), () => commerce.seed()),
);
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-pin], [data-unpin], [data-sell]')) {
  button.addEventListener('click', () => {
    const { pin, unpin, sell } = button.dataset;
    if (pin) void run(label(button), () => commerce.pin(pin));
    else if (unpin) void run(label(button), () => commerce.unpin(unpin));
    else if (sell) void run(label(button), () => commerce.stock(sell, -1));
  });
}

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
$('#load-gifts').addEventListener('click', (event) =>
  run(label(event.currentTarget as HTMLElement), () => gifts.loadCatalog()),
);

// The first screen is a lively room. Against a server: an empty room is seeded through the ops
// API (`?seed=off` skips it). Offline: the page's own room gets the same, and its own crowd.
if (params.get('seed') !== 'off') {
  if (ops.mode === 'server') {
    log.textContent = words(lang).seeding;
    seedIfEmpty(ops, commerce, gifts).then(
      ({ poll, crowd }) => {
        if (poll) currentPoll = poll;
        log.textContent = poll ? words(lang).seeded : '';
        $<HTMLInputElement>('#crowd').checked = crowd;
      },
      (error: unknown) => {
        log.textContent = `${words(lang).seeding} ${words(lang).failed}: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  } else {
    if (params.get('autoproducts') !== 'off') void commerce.seed().then(() => commerce.pin('lipstick'));
    if (params.get('autogifts') !== 'off') void gifts.loadCatalog();
    if (params.get('autopoll') !== 'off') {
      const config = pollPreset('single', lang);
      currentPoll = config.id;
      void ops.openPoll(config);
    }
  }
}
