import {
  AnnounceController,
  cssProps,
  dispatchIntent,
  formatCountdown,
  jsonAttribute,
  keepFocus,
  NarrowController,
  OnairElement,
  SheetController,
  StaticSourceController,
  StoreController,
  sheetStyles,
} from '@onair/core/element.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { SurveyEvents } from '../events.js';
import type { Answer, Question, SurveyInput } from '../model/schema.js';
import { type SurveyMessageKey, surveyMessage } from './survey.messages.js';
import { surveyStyles } from './survey.styles.js';
import { createSurveyStore, type SurveyStore, type SurveyView } from './survey-store.js';
import { renderQuestion, renderResults, tr, type ViewContext } from './survey-view.js';

const KNOWN_ERRORS = ['survey_closed', 'rate_limited', 'timeout'] as const;

/**
 * An in-stream questionnaire (问卷): pages of questions with conditions, progress, back and next,
 * answers kept across reloads until submitted, one submission per response. With less than 400 px
 * of its own width it is a bar that opens the survey in a bottom sheet.
 *
 * Driven by the room's live state (the survey ops opened), or by a static `config` for simple
 * embeds (responses are then kept in the page only).
 *
 * @tag onair-survey
 * @summary In-stream survey with pages, conditions and live results.
 * @event {CustomEvent<SurveySubmitRequestDetail>} onair-survey-submit-request - Cancelable, before a response is sent. `detail: { survey, answers, other, key, respondWith }`.
 * @event {CustomEvent<SurveySubmitDetail>} onair-survey-submit - After the response was stored. `detail: { survey, response, answers, other }`.
 * @event {CustomEvent<OnairErrorDetail>} onair-error - Invalid config or a refused response. `detail: { code, message, path }`.
 * @csspart base - The survey's box.
 * @csspart header - Title, description, progress and time left.
 * @csspart progress - The progress bar.
 * @csspart opener - The bar that opens the sheet (narrow spaces).
 * @csspart sheet - The bottom sheet holding the survey (narrow spaces).
 * @csspart page - The page shown.
 * @csspart question - One question.
 * @csspart question-error - Why a question's answer is not accepted.
 * @csspart choices - A question's choices.
 * @csspart choice - One choice (a rating point, yes or no).
 * @csspart input - A text field.
 * @csspart select - A dropdown.
 * @csspart ranking - A ranking's list.
 * @csspart rank-item - One item of a ranking.
 * @csspart info - A text block.
 * @csspart footer - The Back and Next / Submit buttons.
 * @csspart back - The Back button.
 * @csspart next - The Next or Submit button.
 * @csspart done - The completion message.
 * @csspart results - The live results.
 * @csspart result - One question's results.
 * @cssproperty --onair-survey-accent-color - Selected choices, progress and the primary button.
 * @cssproperty --onair-survey-max-block-size - Tallest the inline survey gets before its page scrolls (default min(36rem, 85dvh)).
 */
export class OnairSurvey extends OnairElement {
  static override styles = [...OnairElement.styles, sheetStyles, surveyStyles];
  static override telemetryKind = 'survey';

  /** Id of the room survey to show; omitted shows the latest ops opened. */
  @property({ attribute: 'survey', reflect: true }) surveyId = '';

  /** A static survey (object, or JSON in the attribute). Responses are then kept in this page only. */
  @property({ converter: jsonAttribute })
  config?: SurveyInput | unknown;

  private store: SurveyStore | null = null;
  private readonly view = new StoreController<SurveyView | null>(this, null, null);
  private readonly announcer = new AnnounceController(this, 0);
  private readonly narrow = new NarrowController(this, 400);
  private readonly sheet = new SheetController(this);
  private readonly source = new StaticSourceController<SurveyStore>(this, {
    load: async () => {
      const { staticSurvey, describe } = await import('./static-survey.js');
      return { serve: staticSurvey, describe };
    },
    create: (channel) =>
      createSurveyStore(
        channel,
        this.config === undefined ? this.surveyId || null : null,
        this.config === undefined ? null : 'static',
      ),
    use: (store) => {
      this.store = store;
      this.view.setStore(store?.$view ?? null);
    },
    noRoom: () => this.t('noRoom'),
    locale: () => this.locale,
    invalid: (issues) => this.reportInvalidConfig(issues),
    clear: () => this.clearFailure(),
  });
  /** What telemetry last heard: the survey shown, the page, whether the viewer began and finished. */
  private shown = { survey: '', step: 0, started: false, over: false, last: '' };
  private readonly onPageHide = () => this.abandon();

  private t(key: SurveyMessageKey, params?: Record<string, string | number>): string {
    return surveyMessage(this.locale, key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.('pagehide', this.onPageHide);
  }

  override disconnectedCallback(): void {
    globalThis.removeEventListener?.('pagehide', this.onPageHide);
    this.abandon();
    // Closed here, with what it showed; the base class would close it without.
    if (this.shown.survey) this.widgetTelemetry?.close('removed', { survey: this.shown.survey });
    this.shown = { survey: '', step: 0, started: false, over: false, last: '' };
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    this.source.serve(
      this.config,
      this.roomContext?.channel ?? null,
      this.config === undefined ? this.surveyId : '',
    );
    this.report();
  }

  /** `widget.open` / `widget.close` around a survey, `survey.page` as pages show. */
  private report(): void {
    const view = this.view.value;
    const id = view?.survey?.id ?? '';
    if (id !== this.shown.survey) {
      if (this.shown.survey) {
        this.abandon();
        this.widgetTelemetry?.close('replaced', { survey: this.shown.survey });
      }
      if (id) this.widgetTelemetry?.open({ survey: id });
      this.shown = {
        survey: id,
        step: 0,
        started: !!this.store?.started(),
        over: view?.status === 'done',
        last: '',
      };
    }
    if (!view || !id) return;
    if (view.status !== 'open') {
      if (view.status === 'closed') this.abandon();
      return;
    }
    if (view.step !== this.shown.step) {
      this.shown.step = view.step;
      this.widgetTelemetry?.send('survey.page', { survey: id, page: view.step, pages: view.steps });
    }
  }

  /** `survey.abandon` once, for a survey the viewer began and did not submit. */
  private abandon(): void {
    const { survey, started, over, last, step } = this.shown;
    if (!survey || !started || over) return;
    this.shown.over = true;
    this.widgetTelemetry?.send('survey.abandon', { survey, question: last, page: step });
  }

  private readonly ctx: ViewContext = {
    locale: 'en',
    answer: (q, value, commit) => this.answer(q, value, commit),
    other: (q, text) => this.store?.setOther(q.id, text),
    move: (q, from, to) => this.move(q, from, to),
    drag: (q, from, event) => this.drag(q, from, event),
  };

  private answer(q: Question, value: Answer | undefined, commit = false): void {
    const store = this.store;
    const survey = this.view.value?.survey;
    if (!store || !survey) return;
    if (store.answer(q.id, value)) {
      this.shown.started = true;
      const questions = survey.pages.reduce((n, p) => n + p.questions.length, 0);
      this.widgetTelemetry?.send('survey.start', {
        survey: survey.id,
        pages: survey.pages.length,
        questions,
      });
    }
    if (commit && value !== undefined) {
      this.shown.last = q.id;
      this.widgetTelemetry?.send('survey.answer', { survey: survey.id, question: q.id, type: q.type });
    }
  }

  /** Moves a ranking's item and keeps focus on the button that moved it; says where it went. */
  private async move(q: Question, from: number, to: number): Promise<void> {
    const view = this.view.value;
    const current = view?.questions.find((v) => v.q.id === q.id);
    const order = Array.isArray(current?.value) ? [...current.value] : (q.choices ?? []).map((c) => c.value);
    if (to < 0 || to >= order.length) return;
    const [item] = order.splice(from, 1);
    order.splice(to, 0, item!);
    this.answer(q, order, true);
    const label = tr(q.choices?.find((c) => c.value === item)?.label, this.locale) || item!;
    this.announcer.announce(this.t('moved', { item: label, n: to + 1, total: order.length }), true);
    await this.updateComplete;
    const li = this.renderRoot.querySelector(`.rank[data-value="${CSS.escape(item!)}"]`);
    const buttons = li?.querySelectorAll<HTMLButtonElement>('button.move');
    const again = buttons?.[to > from ? 1 : 0];
    (again && !again.disabled ? again : buttons?.[to > from ? 0 : 1])?.focus();
  }

  /** Drag by the handle: the item follows the pointer from place to place. */
  private drag(q: Question, from: number, start: PointerEvent): void {
    const handle = start.currentTarget as HTMLElement;
    const list = handle.closest('ol');
    if (!list || start.button !== 0) return;
    start.preventDefault();
    handle.setPointerCapture?.(start.pointerId);
    let at = from;
    const onMove = (event: PointerEvent) => {
      const items = [...list.children];
      const over = items.findIndex((li) => {
        const box = li.getBoundingClientRect();
        return event.clientY < box.top + box.height / 2;
      });
      const to = over < 0 ? items.length - 1 : over > at ? over - 1 : over;
      if (to !== at) void this.move(q, at, to).then(() => undefined);
      at = to;
    };
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      handle.removeEventListener('pointercancel', onUp);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
    handle.addEventListener('pointercancel', onUp);
  }

  private async onNext(event: Event): Promise<void> {
    event.preventDefault();
    const view = this.view.value;
    if (!view?.survey) return;
    if (view.step < view.steps) {
      const wrong = this.store?.next();
      await this.updateComplete;
      if (wrong) this.focusFault();
      else this.focusPage();
      return;
    }
    await keepFocus(
      this,
      () => this.submit(),
      () => this.renderRoot.querySelector<HTMLElement>('[part~="next"], [part~="done"]'),
    );
  }

  private async onBack(): Promise<void> {
    this.store?.back();
    await this.updateComplete;
    this.focusPage();
  }

  private focusPage(): void {
    this.renderRoot.querySelector<HTMLElement>('.page-title')?.focus();
  }

  /** The first answer at fault gets focus (its error is read with it), and how many is said. */
  private focusFault(): void {
    const faults = this.renderRoot.querySelectorAll('[part~="question"][data-invalid]');
    this.announcer.announce(this.t('fix', { n: faults.length }), true);
    faults[0]?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }

  private async submit(): Promise<void> {
    const store = this.store;
    const request = store?.response();
    if (!store || !request) {
      await this.updateComplete;
      this.focusFault();
      return;
    }
    const intent = dispatchIntent(this, SurveyEvents.submitRequest, request);
    if (intent.kind === 'vetoed') return;
    try {
      const started = store.started();
      const { response } = await store.submit(intent.kind === 'answered' ? intent.answer : undefined);
      this.clearFailure();
      this.shown.over = true;
      this.emit(SurveyEvents.submit, {
        survey: request.survey,
        response,
        answers: request.answers,
        other: request.other,
      });
      this.widgetTelemetry?.send('survey.submit', {
        survey: request.survey,
        answered: Object.keys(request.answers).length,
        durationMs: started ? Date.now() - started : null,
      });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="done"]')?.focus();
    } catch (error) {
      const {
        code = 'action_failed',
        message = String(error),
        path = '',
      } = error as { code?: string; message?: string; path?: string };
      const known = (KNOWN_ERRORS as readonly string[]).includes(code);
      this.reportActionFailure(
        code,
        known ? this.t(`error_${code as (typeof KNOWN_ERRORS)[number]}`) : this.t('error_other', { message }),
        path,
      );
    }
  }

  protected override renderContent(): TemplateResult {
    const view = this.view.value;
    this.ctx.locale = this.locale;
    const survey = view?.survey;
    if (!view || !survey)
      return html`<div part="base" class="${this.baseClass} empty"><p class="muted">${this.t('waiting')}</p>${this.announcer.render()}</div>`;
    const title = tr(survey.title, this.locale);
    const body = () => this.renderBody(view);
    // The form stays unnamed, so not a landmark: two surveys may share a title; the h2 names it.
    if (!this.narrow.narrow)
      return html`<form part="base" class=${this.baseClass} aria-busy=${view.pending} novalidate @submit=${this.onNext}>
        ${this.renderHeader(view, title)} ${body()} ${this.announcer.render()}
      </form>`;
    // Narrow: a bar with the survey's title and progress; the survey itself in a bottom sheet.
    const action =
      view.status === 'open'
        ? this.t(view.answered ? 'resume' : 'start')
        : view.results
          ? this.t('results')
          : null;
    return html`<div part="base" class="${this.baseClass} narrow">
      <div part="opener" class="opener">
        <span class="badge">${this.t('survey')}</span>
        <span class="opener-title">${title}</span>
        ${view.status === 'done' ? html`<span class="muted">✓ ${this.t('submitted')}</span>` : nothing}
        ${view.status === 'closed' ? html`<span class="muted">${this.t('closed')}</span>` : nothing}
        ${
          action
            ? html`<button type="button" class="primary" aria-haspopup="dialog" aria-controls="sheet" aria-expanded=${this.sheet.isOpen ? 'true' : 'false'}
                @click=${(e: Event) => void this.sheet.open(e.currentTarget as HTMLElement)}>${action}</button>`
            : nothing
        }
      </div>
      ${this.sheet.render({
        title,
        closeLabel: this.t('close'),
        body: () =>
          html`<form class=${this.baseClass} aria-busy=${view.pending} novalidate @submit=${this.onNext}>${this.renderHeader(view, title, true)} ${body()}</form>`,
      })}
      ${this.announcer.render()}
    </div>`;
  }

  private renderHeader(view: SurveyView, title: string, inSheet = false): TemplateResult {
    const survey = view.survey!;
    const paged = view.steps > 1;
    const step = this.t('step', { n: view.step, total: view.steps });
    return html`<header part="header">
      ${inSheet ? nothing : html`<p class="badge">${this.t('survey')}</p><h2 class="title">${title}</h2>`}
      ${survey.description ? html`<p class="muted">${tr(survey.description, this.locale)}</p>` : nothing}
      ${view.status === 'open' && (paged || view.remainingMs !== null) ? html`<div class="meta"><span>${paged ? step : nothing}</span>${view.remainingMs !== null ? html`<span role="timer" aria-live="off">${this.t('closesIn', { time: formatCountdown(view.remainingMs) })}</span>` : nothing}</div>` : nothing}
      ${
        view.status === 'open' && paged
          ? html`<div part="progress" class="progress" role="progressbar" aria-label=${step} aria-valuemin="0"
              aria-valuemax=${view.steps} aria-valuenow=${view.step}><span class="fill" ${cssProps({ '--_ratio': view.step / view.steps })}></span></div>`
          : nothing
      }
    </header>`;
  }

  private renderBody(view: SurveyView): TemplateResult {
    const survey = view.survey!;
    const results = view.results ? renderResults(survey, view.results, this.locale) : nothing;
    if (view.status !== 'open')
      return html`<div part="done" class="done" tabindex="-1">
        <p class="message" ?data-done=${view.status === 'done'}>${view.status === 'done' ? tr(survey.completion, this.locale) || this.t('thanks') : this.t('closed')}</p>
        ${results}
      </div>`;
    const page = survey.pages[view.page]!;
    const last = view.step === view.steps;
    return html`<div part="page" class="page">
        <h3 class="page-title ${page.title ? '' : 'visually-hidden'}" tabindex="-1">${page.title ? tr(page.title, this.locale) : this.t('step', { n: view.step, total: view.steps })}</h3>
        ${page.description ? html`<p class="muted">${tr(page.description, this.locale)}</p>` : nothing}
        ${view.questions.map((q, i) => renderQuestion(q, view.page * 100 + i, this.ctx))}
      </div>
      ${this.renderActionFailure()}
      <div part="footer" class="footer">
        ${view.step > 1 ? html`<button part="back" type="button" class="secondary" @click=${this.onBack}>${this.t('back')}</button>` : nothing}
        <button part="next" type="submit" class="primary" ?disabled=${view.pending}>
          ${view.pending ? this.t('submitting') : this.t(last ? 'submit' : 'next')}
        </button>
      </div>`;
  }
}
