/**
 * What `<onair-lucky-draw>` shows: the prize, the countdown by the server's clock, the conditions
 * with what the viewer still needs to do, the entrant count, the join button, then the result, the
 * winners and the verification.
 */
import { formatCountdown, formatNumber, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { DrawCondition } from '../model/draw-schema.js';
import { type DrawMessageKey, drawMessage } from './draw.messages.js';
import type { DrawView } from './draw-store.js';

export type ClaimState =
  | { state: 'idle' }
  | { state: 'claiming' }
  | { state: 'done'; ok: boolean; message: string }
  | { state: 'host' };

export interface ViewContext {
  view: DrawView;
  locale: Locale;
  claim: ClaimState;
  enter(): void;
  claimPrize(): void;
  verify(): void;
}

type T = (key: DrawMessageKey, params?: Record<string, string | number>) => string;

export const translator =
  (locale: Locale): T =>
  (key, params) =>
    drawMessage(locale, key, params);

/** Only http(s) images reach an `<img>` (the server checks too). */
const safeImage = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

export function conditionText(condition: DrawCondition, t: T): string {
  return condition.type === 'chat'
    ? t('cond_chat', { keyword: condition.keyword })
    : t(`cond_${condition.type}`);
}

/** A public entrant id as people read it: the viewer's own line says "You". */
function who(id: string, view: DrawView, t: T): string {
  if (id === view.entrant) return t('you');
  const bare = id.replace(/^[as]:/, '');
  return bare.length > 12 ? t('viewer', { tag: bare.slice(-4) }) : bare;
}

function renderPrize(view: DrawView, locale: Locale, t: T): TemplateResult {
  const { prize } = view.draw!;
  const image = safeImage(prize.image);
  return html`<div part="prize">
    ${image ? html`<img part="image" src=${image} alt="" width="72" height="72" loading="lazy" decoding="async" />` : html`<span part="image" class="gift" aria-hidden="true"></span>`}
    <div class="prize-text">
      <p part="prize-name">${prize.name}</p>
      <p part="quantity">${t('quantity', { n: formatNumber(prize.quantity, locale) })}</p>
    </div>
  </div>`;
}

function renderTimer(view: DrawView, t: T): TemplateResult | typeof nothing {
  if (view.remainingMs === null) return nothing;
  const time = formatCountdown(view.remainingMs);
  return html`<p part="timer" role="timer" aria-live="off" aria-label=${t('timeLeft', { time })}
    ?data-urgent=${view.remainingMs <= 10_000}>
    <span class="label" aria-hidden="true">${t('endsIn')}</span>
    <span class="clock" aria-hidden="true">${time}</span>
  </p>`;
}

function renderConditions(view: DrawView, t: T): TemplateResult {
  const { rules } = view.draw!;
  return html`<div part="conditions">
    <h3>${t('howTo')}</h3>
    <ul>
      ${view.conditions.map(
        (row) => html`<li part="condition" ?data-met=${row.met}>
          <span class="check" aria-hidden="true">${row.met ? '✓' : ''}</span>
          <span class="text">${conditionText(row.condition, t)}</span>
          <span class="state">${row.met ? t('met') : t('todo')}</span>
        </li>`,
      )}
    </ul>
    ${rules.maxWins !== null ? html`<p part="rule">${t('rules_maxWins', { n: rules.maxWins })}</p>` : nothing}
    ${rules.recentFirst ? html`<p part="rule">${t('rules_recentFirst')}</p>` : nothing}
  </div>`;
}

function renderEntry(ctx: ViewContext, t: T): TemplateResult {
  const { view } = ctx;
  if (view.phase === 'drawing') return html`<p part="status" tabindex="-1">${t('drawing')}</p>`;
  if (view.entered) return html`<p part="status" tabindex="-1" data-entered>${t('joined')}</p>`;
  return html`<button part="join" type="button" ?disabled=${!view.canEnter} @click=${ctx.enter}>
    ${view.pending ? t('joining') : t('join')}
  </button>`;
}

function renderClaim(ctx: ViewContext, t: T): TemplateResult | typeof nothing {
  const { claim } = ctx;
  if (claim.state === 'host') return html`<p part="claim-status">${t('claimHost')}</p>`;
  if (claim.state === 'done')
    return html`<p part="claim-status" ?data-failed=${!claim.ok}>${claim.message || t('claimed')}</p>`;
  return html`<button part="claim" type="button" ?disabled=${claim.state === 'claiming'} @click=${ctx.claimPrize}>
    ${claim.state === 'claiming' ? t('claiming') : t('claim')}
  </button>`;
}

function renderResult(ctx: ViewContext, locale: Locale, t: T): TemplateResult {
  const { view } = ctx;
  const draw = view.draw!;
  const outcome = view.outcome;
  const winners = draw.winners ?? [];
  const total = draw.lists?.find((l) => l.name === 'winners')?.count ?? winners.length;
  const verify = view.verify;
  return html`
    ${
      outcome
        ? html`<div part="result" data-outcome=${outcome} tabindex="-1">
          <p class="headline">${outcome === 'won' ? t('won', { prize: draw.prize.name }) : t(outcome)}</p>
          ${outcome === 'won' ? renderClaim(ctx, t) : nothing}
        </div>`
        : nothing
    }
    <div part="winners">
      <h3>${t('winners', { n: formatNumber(total, locale) })}</h3>
      ${
        winners.length
          ? html`<ol>
            ${winners.map((id) => html`<li part="winner" ?data-mine=${id === view.entrant}>${who(id, view, t)}</li>`)}
          </ol>`
          : html`<p>${t('noWinners')}</p>`
      }
      ${total > winners.length ? html`<p>${t('more', { n: formatNumber(total - winners.length, locale) })}</p>` : nothing}
    </div>
    <div part="fairness">
      <button part="verify" type="button" ?disabled=${verify.state === 'running'} @click=${ctx.verify}>
        ${verify.state === 'running' ? t('verifying') : t('verify')}
      </button>
      <p part="commitment">${t('commitment', { hash: `${draw.commitment.slice(0, 12)}…` })}</p>
      ${
        verify.state === 'done'
          ? html`<p part="verdict" role="status" data-ok=${String(verify.result.ok)}>
            ${verify.result.ok ? t('verified') : t('verifyFailed', { reason: verify.result.message })}
          </p>`
          : nothing
      }
    </div>`;
}

export function renderDraw(ctx: ViewContext): TemplateResult {
  const { view, locale } = ctx;
  const t = translator(locale);
  const draw = view.draw!;
  return html`
    <div part="header">
      <h2 part="title" id="title">${t('title')}</h2>
      ${renderTimer(view, t)}
    </div>
    ${renderPrize(view, locale, t)}
    <p part="entrants">${t('entrants', { n: draw.entrants, count: formatNumber(draw.entrants, locale) })}</p>
    ${
      view.phase === 'revealed'
        ? renderResult(ctx, locale, t)
        : html`${renderConditions(view, t)} ${renderEntry(ctx, t)}`
    }`;
}
