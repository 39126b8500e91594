/**
 * The CDN autoloader: `<script type="module" src=".../onair/dist/cdn/autoloader.js">` and every
 * Onair tag on the page works. Each element is defined the first time its tag appears in the
 * document, or in a shadow root passed to `discover()`, loading only that element's chunk (and
 * the chunks it shares with others). In the manner of Shoelace's autoloader.
 */

/** Each tag's chunk. Kept in step with the package's `exports` by a test. */
const chunks: Record<string, () => Promise<unknown>> = {
  'onair-room': () => import('./onair-room.js'),
  'onair-poll': () => import('./onair-poll.js'),
  'onair-gift-panel': () => import('./onair-gift-panel.js'),
  'onair-gift-feed': () => import('./onair-gift-feed.js'),
  'onair-gift-effects': () => import('./onair-gift-effects.js'),
  'onair-product-card': () => import('./onair-product-card.js'),
  'onair-product-shelf': () => import('./onair-product-shelf.js'),
  'onair-survey': () => import('./onair-survey.js'),
  'onair-quiz': () => import('./onair-quiz.js'),
  'onair-quiz-leaderboard': () => import('./onair-quiz-leaderboard.js'),
  'onair-lucky-draw': () => import('./onair-lucky-draw.js'),
  'onair-slot': () => import('./onair-slot.js'),
  'onair-red-packet-rain': () => import('./onair-red-packet-rain.js'),
  'onair-debug': () => import('./onair-debug.js'),
};

const loads = new Map<string, Promise<void>>();

/**
 * Loads the chunk of `tag` once. A chunk that fails (offline, or a CSP that blocks it) leaves its
 * elements undefined and says so on the console; it never throws into the page.
 */
function load(tag: string): Promise<void> {
  let loading = loads.get(tag);
  if (!loading) {
    const chunk = Object.hasOwn(chunks, tag) ? chunks[tag] : undefined;
    loading = chunk
      ? chunk().then(
          () => undefined,
          (error: unknown) => console.error(`Onair could not load <${tag}>:`, error),
        )
      : Promise.resolve();
    loads.set(tag, loading);
  }
  return loading;
}

/**
 * Defines every Onair element in `root` that is not defined yet, and keeps watching `root` for
 * new ones. The document is watched from the start; call this for shadow roots.
 */
export async function discover(root: Document | ShadowRoot | Element): Promise<void> {
  const found = new Set<string>();
  if (root instanceof Element && root.localName.startsWith('onair-')) found.add(root.localName);
  for (const el of root.querySelectorAll(':not(:defined)'))
    if (el.localName.startsWith('onair-')) found.add(el.localName);
  if (!(root instanceof Element)) observer.observe(root, { childList: true, subtree: true });
  // Widgets read their room from an enclosing <onair-room> when they connect, so it goes first.
  if (found.delete('onair-room')) await load('onair-room');
  await Promise.all([...found].map(load));
}

const observer = new MutationObserver((records) => {
  for (const record of records)
    for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
});

void discover(document);
