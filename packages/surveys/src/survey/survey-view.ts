/**
 * Templates of the survey's questions and results. Every question is a fieldset with its legend
 * (or a label for a field of its own); its error is linked to the controls with
 * `aria-describedby`, and the controls are native (radios, checkboxes, a select, text fields), so
 * keyboards and screen readers work as they do everywhere. Ranking moves with buttons or by drag.
 */
import { cssProps, type Locale } from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { maxLengthOf } from '../model/logic.js';
import { answerMessage } from '../model/messages.js';
import { countedValues, type SurveyResults } from '../model/results.js';
import type { Answer, Question, Survey, Text } from '../model/schema.js';
import { surveyMessage } from './survey.messages.js';
import type { QuestionView } from './survey-store.js';

/** Text in the viewer's language, else the other one. */
export const tr = (text: Text | undefined, locale: Locale): string =>
  typeof text === 'string' ? text : (text?.[locale] ?? text?.en ?? text?.['zh-CN'] ?? '');

export interface ViewContext {
  locale: Locale;
  /** Stores an answer; `commit` when the viewer is done with it (not each keystroke). */
  answer(q: Question, value: Answer | undefined, commit?: boolean): void;
  other(q: Question, text: string): void;
  move(q: Question, from: number, to: number): void;
  drag(q: Question, from: number, event: PointerEvent): void;
}

const choicesOf = (q: Question, ctx: ViewContext) => [
  ...(q.choices ?? []).map((c) => ({ value: c.value, label: tr(c.label, ctx.locale) || c.value })),
  ...(q.other ? [{ value: 'other', label: surveyMessage(ctx.locale, 'other') }] : []),
];

export function renderQuestion(
  v: QuestionView,
  i: number,
  ctx: ViewContext,
): TemplateResult | typeof nothing {
  if (!v.shown) return nothing;
  const { q, locale } = { q: v.q, locale: ctx.locale };
  const t = (key: Parameters<typeof surveyMessage>[1], p?: Record<string, string | number>) =>
    surveyMessage(locale, key, p);
  if (q.type === 'info') return html`<p part="info">${tr(q.title, locale)}</p>`;
  const id = `q${i}`;
  const described = [q.description ? `${id}-d` : '', hint(q, t) ? `${id}-h` : '', v.error ? `${id}-e` : '']
    .filter(Boolean)
    .join(' ');
  const a: Attrs = {
    id,
    described: described || nothing,
    invalid: v.error ? 'true' : 'false',
    disabled: !v.enabled,
  };
  const title = html`${tr(q.title, locale)}${v.required ? html`<span class="req" aria-hidden="true">*</span><span class="visually-hidden">(${t('required')})</span>` : nothing}`;
  const extra = html`${q.description ? html`<p class="desc" id="${id}-d">${tr(q.description, locale)}</p>` : nothing}
    ${hint(q, t) ? html`<p class="desc" id="${id}-h">${hint(q, t)}</p>` : nothing}`;
  const error = v.error
    ? html`<p part="question-error" class="error" id="${id}-e">${answerMessage(v.error, locale)}</p>`
    : nothing;
  const field = q.type === 'text' || q.type === 'longtext' || q.type === 'dropdown';
  if (field)
    return html`<div part="question" class="q" data-type=${q.type} ?data-invalid=${!!v.error}>
      <label class="title" for="${id}-i">${title}</label>${extra}${fieldControl(v, a, ctx)}${error}
    </div>`;
  return html`<fieldset part="question" class="q" data-type=${q.type} ?data-invalid=${!!v.error} ?disabled=${a.disabled}
      aria-describedby=${a.described}>
    <legend class="title">${title}</legend>${extra}${choiceControl(v, a, ctx)}${error}
  </fieldset>`;
}

function hint(
  q: Question,
  t: (key: 'pickRange' | 'pickUpTo' | 'pickAtLeast' | 'rankHint', p?: Record<string, number>) => string,
) {
  if (q.type === 'ranking') return t('rankHint');
  if (q.type !== 'multiple') return '';
  const { minSelected: min, maxSelected: max } = q;
  if (min && max) return t('pickRange', { min, max });
  return max ? t('pickUpTo', { max }) : min ? t('pickAtLeast', { min }) : '';
}

type Attrs = { id: string; described: string | typeof nothing; invalid: string; disabled: boolean };

function fieldControl(v: QuestionView, a: Attrs, ctx: ViewContext): TemplateResult {
  const { q } = v;
  const t = (key: Parameters<typeof surveyMessage>[1]) => surveyMessage(ctx.locale, key);
  const placeholder = tr(q.placeholder, ctx.locale) || nothing;
  if (q.type === 'dropdown') {
    const value = typeof v.value === 'string' ? v.value : '';
    return html`<select part="select" id="${a.id}-i" aria-describedby=${a.described} aria-invalid=${a.invalid}
        aria-required=${v.required} ?disabled=${a.disabled}
        @change=${(e: Event) => ctx.answer(q, (e.target as HTMLSelectElement).value || undefined, true)}>
        <option value="" ?selected=${!value}>${tr(q.placeholder, ctx.locale) || t('choose')}</option>
        ${choicesOf(q, ctx).map((c) => html`<option value=${c.value} ?selected=${c.value === value}>${c.label}</option>`)}
      </select>${value === 'other' ? otherField(v, a, ctx) : nothing}`;
  }
  const max = maxLengthOf(q);
  const text = v.value === undefined ? '' : String(v.value);
  const read = (e: Event, commit: boolean) => {
    const raw = (e.target as HTMLInputElement).value;
    const value =
      q.input === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw))
        ? Number(raw)
        : commit
          ? raw.trim()
          : raw;
    ctx.answer(q, value === '' ? undefined : value, commit);
  };
  const common = {
    described: a.described,
    input: (e: Event) => read(e, false),
    change: (e: Event) => read(e, true),
  };
  if (q.type === 'longtext')
    return html`<textarea part="input" id="${a.id}-i" rows="3" maxlength=${max} placeholder=${placeholder}
        aria-describedby=${common.described} aria-invalid=${a.invalid} aria-required=${v.required} ?disabled=${a.disabled}
        .value=${live(text)} @input=${common.input} @change=${common.change}></textarea>
      <span class="count" aria-hidden="true">${text.length}/${max}</span>`;
  const type = q.input && q.input !== 'text' ? q.input : 'text';
  return html`<input part="input" id="${a.id}-i" type=${type} maxlength=${q.input === 'number' ? nothing : max}
      inputmode=${q.input === 'number' ? 'decimal' : nothing} min=${q.min ?? nothing} max=${q.max ?? nothing}
      placeholder=${placeholder} autocomplete=${q.input === 'email' ? 'email' : 'off'} enterkeyhint="next"
      aria-describedby=${common.described} aria-invalid=${a.invalid} aria-required=${v.required} ?disabled=${a.disabled}
      .value=${live(text)} @input=${common.input} @change=${common.change} />`;
}

function otherField(v: QuestionView, a: Attrs, ctx: ViewContext): TemplateResult {
  return html`<input part="input other" class="other" type="text" maxlength="200" aria-label=${surveyMessage(ctx.locale, 'otherText')}
    placeholder=${surveyMessage(ctx.locale, 'otherText')} aria-describedby=${a.described} aria-invalid=${a.invalid}
    ?disabled=${a.disabled} .value=${live(v.other)} @input=${(e: Event) => ctx.other(v.q, (e.target as HTMLInputElement).value)} />`;
}

function choiceControl(v: QuestionView, a: Attrs, ctx: ViewContext): TemplateResult {
  const { q } = v;
  const t = (key: Parameters<typeof surveyMessage>[1], p?: Record<string, string | number>) =>
    surveyMessage(ctx.locale, key, p);
  if (q.type === 'ranking') return ranking(v, ctx);
  let options: { value: string; label: string }[];
  let picked: (value: string) => boolean;
  let pick: (value: string, on: boolean) => Answer | undefined;
  if (q.type === 'yesno') {
    options = [
      { value: 'true', label: t('yes') },
      { value: 'false', label: t('no') },
    ];
    picked = (value) => String(v.value) === value;
    pick = (value) => value === 'true';
  } else if (q.type === 'rating') {
    const min = q.min ?? 1;
    const max = q.max ?? 5;
    options = Array.from({ length: max - min + 1 }, (_, n) => ({
      value: String(min + n),
      label: String(min + n),
    }));
    picked = (value) => String(v.value) === value;
    pick = (value) => Number(value);
  } else {
    options = choicesOf(q, ctx);
    const list = Array.isArray(v.value) ? v.value : v.value === undefined ? [] : [String(v.value)];
    picked = (value) => list.includes(value);
    pick = (value, on) =>
      q.type === 'multiple'
        ? options.map((o) => o.value).filter((o) => (o === value ? on : list.includes(o)))
        : value;
  }
  const multiple = q.type === 'multiple';
  const stars = q.type === 'rating' && q.stars;
  const current = q.type === 'rating' && typeof v.value === 'number' ? v.value : null;
  return html`<div part="choices" class="choices ${q.type}${stars ? ' stars' : ''}">
      ${options.map(
        (o) => html`<label part="choice" class="choice" ?data-selected=${picked(o.value)}
            ?data-lit=${stars && current !== null && Number(o.value) <= current}>
          <input type=${multiple ? 'checkbox' : 'radio'} name=${a.id} value=${o.value} .checked=${live(picked(o.value))}
            aria-invalid=${a.invalid} @change=${(e: Event) => ctx.answer(q, pick(o.value, (e.target as HTMLInputElement).checked), true)} />
          ${
            stars
              ? html`<span aria-hidden="true">★</span><span class="visually-hidden">${t('star', { n: o.value, max: q.max ?? 5 })}</span>`
              : html`<span class="label">${o.label}</span>`
          }
        </label>${o.value === 'other' && picked('other') ? otherField(v, a, ctx) : nothing}`,
      )}
    </div>
    ${
      q.type === 'rating' && (q.minLabel || q.maxLabel)
        ? html`<p class="ends" aria-hidden="true"><span>${tr(q.minLabel, ctx.locale)}</span><span>${tr(q.maxLabel, ctx.locale)}</span></p>`
        : nothing
    }`;
}

function ranking(v: QuestionView, ctx: ViewContext): TemplateResult {
  const { q } = v;
  const t = (key: Parameters<typeof surveyMessage>[1], p?: Record<string, string | number>) =>
    surveyMessage(ctx.locale, key, p);
  const choices = choicesOf(q, ctx);
  const order = Array.isArray(v.value) ? v.value : choices.map((c) => c.value);
  const label = (value: string) => choices.find((c) => c.value === value)?.label ?? value;
  return html`<ol part="ranking" class="ranking">
      ${order.map(
        (value, n) => html`<li part="rank-item" class="rank" data-value=${value}>
          <span class="handle" aria-hidden="true" @pointerdown=${(e: PointerEvent) => ctx.drag(q, n, e)}>⠿</span>
          <span class="place" aria-hidden="true">${n + 1}</span><span class="label">${label(value)}</span>
          <button type="button" class="move" aria-label=${t('moveUp', { item: label(value) })} ?disabled=${n === 0}
            @click=${() => ctx.move(q, n, n - 1)}>↑</button>
          <button type="button" class="move" aria-label=${t('moveDown', { item: label(value) })} ?disabled=${n === order.length - 1}
            @click=${() => ctx.move(q, n, n + 1)}>↓</button>
        </li>`,
      )}
    </ol>
    ${v.value === undefined ? html`<button type="button" class="keep" @click=${() => ctx.answer(q, order, true)}>${t('keepOrder')}</button>` : nothing}`;
}

/** Per-question summaries: bars for choices, an average for ratings, places for a ranking. */
export function renderResults(survey: Survey, results: SurveyResults, locale: Locale): TemplateResult {
  const t = (key: Parameters<typeof surveyMessage>[1], p?: Record<string, string | number>) =>
    surveyMessage(locale, key, p);
  const blocks = survey.pages
    .flatMap((page) => page.questions)
    .map((q) => {
      const r = Object.hasOwn(results.questions, q.id) ? results.questions[q.id]! : null;
      if (!r) return nothing;
      const values = countedValues(q) ?? [];
      const counts = r.counts ?? [];
      const labelOf = (value: unknown): string => {
        if (q.type === 'yesno') return t(value ? 'yes' : 'no');
        if (value === 'other') return t('other');
        const choice = q.choices?.find((c) => c.value === value);
        return choice ? tr(choice.label, locale) || choice.value : String(value);
      };
      let body: TemplateResult | typeof nothing = nothing;
      if (q.type === 'rating' && r.n) {
        const sum = counts.reduce((s, c, i) => s + c * Number(values[i]), 0);
        body = html`<p class="avg">${t('average', { value: (sum / r.n).toFixed(1), max: q.max ?? 5 })}</p>`;
      } else if (q.type === 'ranking' && r.n)
        body = html`<ol class="places">${values
          .map((value, i) => ({ value, place: counts[i]! / r.n }))
          .sort((x, y) => x.place - y.place)
          .map(
            (row) =>
              html`<li>${labelOf(row.value)} <span class="muted">· ${t('rank', { value: row.place.toFixed(1) })}</span></li>`,
          )}</ol>`;
      else if (counts.length && q.type !== 'rating')
        body = html`${values.map((value, i) => {
          const ratio = r.n ? counts[i]! / r.n : 0;
          return html`<div class="row"><span class="label">${labelOf(value)}</span><span class="pct">${Math.round(ratio * 100)}%</span>
          <span class="track" aria-hidden="true"><span class="bar" ${cssProps({ '--_ratio': ratio })}></span></span></div>`;
        })}`;
      return html`<section part="result" class="result"><h4>${tr(q.title, locale)}</h4>
      <p class="muted">${t('answers', { n: r.n })}</p>${body}</section>`;
    });
  return html`<div part="results" class="results"><h3>${t('results')}</h3>
    <p class="muted">${t('responses', { n: results.responses })}</p>${blocks}</div>`;
}
