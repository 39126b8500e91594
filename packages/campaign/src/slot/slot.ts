import {
  type Channel,
  CoreEvents,
  OnairElement,
  StoreController,
  type ViewerState,
} from '@onair/core/element.js';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Assignment } from '../model/feature.js';
import type { Shown, SlotRecord } from '../model/placement.js';
import { firstExposure } from './exposure.js';
import { slotMessage, widgetName } from './slot.messages.js';
import { slotStyles } from './slot.styles.js';

/** Only Onair widgets, never another slot: a campaign cannot place arbitrary elements. */
const WIDGET = /^onair-(?!slot$)[a-z][a-z0-9-]{0,40}$/;
const ATTRIBUTE = /^[a-z][a-z0-9-]{0,40}$/;
const EMPTY: Readonly<Record<string, object>> = Object.freeze({});
/** How long a leaving item may take before it is removed anyway (a transition that never ends). */
const LEAVE_MS = 400;

/**
 * `<onair-slot name="overlay-bottom-left">`: a place on the host page where the room's live campaign
 * shows its items — the real widgets (`<onair-poll poll="p1">`), configured by the item, entering
 * and leaving with a transition (none under reduced motion). With an experiment on the item, the
 * viewer sees their variation (assigned by the server, sticky) and the first slot that shows it
 * sends `experiment.exposure` once per viewer. When the campaign places nothing, the slot shows its
 * own children, so a page that places widgets itself keeps working.
 *
 * The widgets it shows must be loaded on the page (their modules, or the `onair` autoloader).
 *
 * @tag onair-slot
 * @summary Where a live campaign places its widgets, with the viewer's A/B variation.
 *
 * @slot - Shown while the campaign places nothing here.
 * @csspart base - The slot's box.
 * @cssproperty --onair-slot-duration - Enter and leave transition time (default 220ms).
 * @cssproperty --onair-slot-offset - How far items move while entering and leaving (default 12px).
 */
export class OnairSlot extends OnairElement {
  static override styles = [...OnairElement.styles, slotStyles];

  /** The slot's name, as campaign items name it. */
  @property({ reflect: true }) name = '';

  @state() private announcement = '';

  private readonly slots = new StoreController<Readonly<Record<string, object>>>(this, null, EMPTY);
  private readonly campaign = new StoreController<Readonly<Record<string, object>>>(this, null, EMPTY);
  private readonly viewer = new StoreController<ViewerState | null>(this, null, null);
  private channel: Channel | null = null;
  private assigning: Channel | null = null;
  /** The channel whose assignment failed: its items show without a variation. */
  private unassigned: Channel | null = null;
  private current: { key: string; box: HTMLElement } | null = null;

  /** What this viewer sees here now: null for nothing (or while their variation is on its way). */
  get shown(): Shown | null {
    const record = this.slots.value[this.name] as SlotRecord | undefined;
    if (!record) return null;
    if (!record.experiment || !record.variants) return record;
    const assignment = this.assignment(record.experiment);
    if (assignment === undefined) return this.unassigned === this.channel ? record : null;
    const variation = assignment?.variation ?? null;
    if (variation === null || !Object.hasOwn(record.variants, variation)) return record;
    return record.variants[variation] ?? null;
  }

  private assignment(experiment: string): Assignment | null | undefined {
    const mine = this.viewer.value?.mine['experiments'] as Record<string, Assignment> | undefined;
    return mine && Object.hasOwn(mine, experiment) ? mine[experiment] : undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const channel = this.roomContext?.channel ?? null;
    if (channel !== this.channel) {
      this.channel = channel;
      this.slots.setStore(channel ? channel.collection('slots') : null);
      this.campaign.setStore(channel ? channel.collection('campaign') : null);
      this.viewer.setStore(channel ? channel.$viewer : null);
      if (!channel) this.slots.value = EMPTY;
    }
    const record = this.slots.value[this.name] as SlotRecord | undefined;
    if (record?.experiment && this.assignment(record.experiment) === undefined) this.assign();
    this.decide();
  }

  /** The campaign's `locale` and `theme` overrides (`auto` leaves the theme to the page). */
  private overrides(): { lang?: string; theme?: string } {
    const record = this.campaign.value['current'] as
      | { locale?: string | null; theme?: string | null }
      | undefined;
    const lang = record?.locale === 'en' || record?.locale === 'zh-CN' ? record.locale : undefined;
    const theme = record?.theme === 'light' || record?.theme === 'dark' ? record.theme : undefined;
    return { ...(lang ? { lang } : {}), ...(theme ? { theme } : {}) };
  }

  /** Asks the server for this viewer's variations, once per channel (it answers in `mine`). */
  private assign(): void {
    const channel = this.channel;
    if (!channel || this.assigning === channel || channel.$status.get() !== 'live') return;
    this.assigning = channel;
    channel.act('campaign.assign', {}).catch((error: { code?: string; message?: string; path?: string }) => {
      // Without a variation the viewer sees the item as it is (no exposure is sent); the page hears why.
      this.unassigned = channel;
      this.requestUpdate();
      this.emit(CoreEvents.error, {
        code: error.code ?? 'assign_failed',
        message: error.message ?? String(error),
        path: error.path ?? '',
      });
    });
  }

  protected override renderContent(): TemplateResult {
    return html`<div part="base" class=${this.baseClass}>
      <div class="stage"></div>
      <slot ?hidden=${this.next !== null}></slot>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  /** What the next render shows (checked), decided before it so the fallback and the words agree. */
  private next: { key: string; shown: Shown } | null = null;

  private decide(): void {
    const shown = this.shown;
    const safe = shown && WIDGET.test(shown.element) ? shown : null;
    const key = safe ? JSON.stringify([safe.item, safe.element, safe.attributes, this.overrides()]) : '';
    if (key === (this.next?.key ?? '')) return;
    this.next = safe ? { key, shown: safe } : null;
    // Said only on a change after the first render: a page load is not news.
    if (this.hasUpdated)
      this.announcement = safe
        ? `${slotMessage(this.locale, 'appeared')}${widgetName(safe.element)}`
        : slotMessage(this.locale, 'left');
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const next = this.next;
    if ((next?.key ?? '') === (this.current?.key ?? '')) return;
    const stage = this.renderRoot.querySelector('.stage');
    if (!stage) return;
    if (this.current) this.leave(this.current.box);
    this.current = next ? { key: next.key, box: this.enter(stage, next.shown) } : null;
    if (next) this.expose();
  }

  /** Builds the widget with plain DOM calls: the tag and attribute names checked, values as text. */
  private enter(stage: Element, shown: Shown): HTMLElement {
    const box = document.createElement('div');
    box.className = 'item entering';
    const widget = document.createElement(shown.element) as HTMLElement & { room?: unknown };
    for (const [name, value] of Object.entries(shown.attributes))
      if (ATTRIBUTE.test(name) && !name.startsWith('on')) widget.setAttribute(name, value);
    // A room given as a property (no <onair-room> around) reaches the widget the same way.
    if (this.room) widget.room = this.room;
    // The campaign's language and theme, when it sets them, for what it places.
    const { lang, theme } = this.overrides();
    if (lang) widget.setAttribute('lang', lang);
    if (theme) widget.setAttribute('theme', theme);
    box.append(widget);
    stage.append(box);
    requestAnimationFrame(() => requestAnimationFrame(() => box.classList.remove('entering')));
    return box;
  }

  private leave(box: HTMLElement): void {
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (reduced) {
      box.remove();
      return;
    }
    box.classList.add('leaving');
    const remove = () => box.remove();
    box.addEventListener('transitionend', remove, { once: true });
    setTimeout(remove, LEAVE_MS);
  }

  /** `experiment.exposure` for the variation now shown, the first time this viewer sees it. */
  private expose(): void {
    const record = this.slots.value[this.name] as SlotRecord | undefined;
    const viewer = this.viewer.value?.id;
    const room = this.roomContext?.room;
    if (!record?.experiment || !viewer || !room) return;
    const variation = this.assignment(record.experiment)?.variation;
    if (!variation || !firstExposure(room, viewer, record.experiment, variation)) return;
    this.tracker?.track('experiment.exposure', { experiment: record.experiment, variation }, { room });
  }
}
