/**
 * The disclosures of a demo page — everything that opens over the page: a widget's details
 * popover or bottom sheet (its trigger says `aria-haspopup="dialog"` and `aria-controls`) and the
 * page's own menus (`data-disclosure`). The layout tests and `pnpm shots` open each in turn.
 */
import type { Locator, Page } from 'playwright-core';

const TRIGGER = '[aria-haspopup="dialog"][aria-controls], [data-disclosure]';

export interface Disclosure {
  /** Stable name: the host element and what it opens, e.g. `onair-product-card-2-details`. */
  name: string;
  trigger: Locator;
}

/** The visible triggers of `page`, one per surface (a card's title and Details open the same one). */
export async function disclosures(page: Page): Promise<Disclosure[]> {
  const all = page.locator(TRIGGER);
  const found: Disclosure[] = [];
  const seen = new Set<string>();
  for (let i = 0, n = await all.count(); i < n; i++) {
    const trigger = all.nth(i);
    if (!(await trigger.isVisible())) continue;
    // A menu already open (the ops controls on a wide screen) is not a disclosure to open.
    if (await trigger.evaluate((el) => el.localName === 'summary' && !!el.closest('details[open]'))) continue;
    const name = await trigger.evaluate((el) => {
      const root = el.getRootNode();
      const host = root instanceof ShadowRoot ? root.host : null;
      const what = el.getAttribute('aria-controls') ?? el.getAttribute('data-disclosure') ?? 'menu';
      if (!host) return `page-${what}`;
      const index = [...document.querySelectorAll(host.localName)].indexOf(host);
      return `${host.localName}-${index + 1}-${what}`;
    });
    if (seen.has(name)) continue;
    seen.add(name);
    found.push({ name, trigger });
  }
  return found;
}

export interface Surface {
  box: { left: number; top: number; right: number; bottom: number };
  viewport: { width: number; height: number };
  /** Alpha of the surface's own background (1: opaque). */
  alpha: number;
  modal: boolean;
}

/** Opens a disclosure and describes what opened, once its entry animation has settled. */
export async function open(page: Page, disclosure: Disclosure): Promise<Surface | null> {
  await disclosure.trigger.click();
  await page.waitForTimeout(50);
  return page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++)
      for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    const surfaces = roots.flatMap((root) => [
      ...root.querySelectorAll<HTMLElement>(
        'dialog[open], [part~="popover"], details[open][data-menu] > :not(summary)',
      ),
    ]);
    const el = surfaces.at(-1);
    if (!el) return null;
    for (const root of roots)
      for (const old of root.querySelectorAll('[data-open-surface]'))
        old.removeAttribute('data-open-surface');
    el.setAttribute('data-open-surface', '');
    await Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined)));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const rect = el.getBoundingClientRect();
    // Computed colours read `rgb(r, g, b)`, `rgba(r, g, b, a)` or `color(srgb r g b / a)`.
    const background = getComputedStyle(el).backgroundColor;
    const numbers = background.match(/[\d.]+/g) ?? [];
    const alpha =
      background === 'transparent'
        ? '0'
        : background.startsWith('rgba') || background.includes('/')
          ? numbers.at(-1)
          : '1';
    return {
      box: { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom },
      viewport: { width: innerWidth, height: innerHeight },
      alpha: Number(alpha),
      modal: el.matches(':modal'),
    };
  });
}

/** Closes what `open()` opened: Escape for dialogs and popovers, the summary again for menus. */
export async function close(page: Page, disclosure: Disclosure): Promise<void> {
  const menu = await disclosure.trigger.evaluate((el) => el.localName === 'summary');
  if (menu) await disclosure.trigger.click();
  else await page.keyboard.press('Escape');
  await page.waitForTimeout(50);
}
