/**
 * `<onair-console>`: the shell. Sign-in with a named ops token (sessionStorage), who you are and
 * your scopes, language and theme, and the pages by hash (`#/dashboard`, `#/audit`). A page whose
 * scope the token lacks says so instead of showing empty charts.
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, holds, session, type Who } from './api.js';
import { LOCALES, type Locale, t } from './i18n.js';
import './dashboard.js';
import './audit-page.js';
import './campaigns-page.js';

type Page = 'dashboard' | 'campaigns' | 'audit';
const PAGE_SCOPES: Record<Page, string> = {
  dashboard: 'stats:read',
  campaigns: 'campaigns:read',
  audit: 'audit:read',
};

const stored = (key: string) => localStorage.getItem(`onair-console-${key}`);
const initialLocale = (): Locale => {
  const saved = stored('lang');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
};
const initialDark = () =>
  stored('theme') ? stored('theme') === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;

@customElement('onair-console')
export class OnairConsole extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; color: var(--sl-color-neutral-900); background: var(--sl-color-neutral-50); font-family: var(--sl-font-sans); }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: var(--sl-spacing-small) var(--sl-spacing-medium); padding: var(--sl-spacing-small) var(--sl-spacing-medium); background: var(--sl-color-neutral-0); border-bottom: 1px solid var(--sl-color-neutral-200); }
    h1 { font-size: var(--sl-font-size-large); margin: 0; margin-inline-end: auto; }
    nav { display: flex; gap: var(--sl-spacing-2x-small); }
    .who { display: flex; flex-wrap: wrap; align-items: center; gap: var(--sl-spacing-2x-small); font-size: var(--sl-font-size-small); }
    .prefs { display: flex; align-items: center; gap: var(--sl-spacing-small); }
    .prefs sl-select { width: 7.5rem; }
    main { padding: var(--sl-spacing-medium); max-width: 90rem; margin: 0 auto; }
    form { max-width: 32rem; margin: 10vh auto 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--sl-spacing-medium); padding: var(--sl-spacing-large); background: var(--sl-color-neutral-0); border: 1px solid var(--sl-color-neutral-200); border-radius: var(--sl-border-radius-large); }
    form h2 { margin: 0; }
    form p { margin: 0; color: var(--sl-color-neutral-700); font-size: var(--sl-font-size-small); overflow-wrap: anywhere; }
    form code { display: block; margin-top: var(--sl-spacing-2x-small); padding: var(--sl-spacing-2x-small) var(--sl-spacing-x-small); background: var(--sl-color-neutral-100); border-radius: var(--sl-border-radius-small); color: var(--sl-color-neutral-900); overflow-wrap: anywhere; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    @media (max-width: 40rem) { main { padding: var(--sl-spacing-small); } header { padding: var(--sl-spacing-x-small) var(--sl-spacing-small); } }
  `;

  @state() private locale: Locale = initialLocale();
  @state() private dark = initialDark();
  @state() private who: Who | null = null;
  @state() private page: Page = 'dashboard';
  @state() private signInError = '';
  @state() private busy = false;

  private readonly onHash = () => {
    const page = location.hash.slice(2).split('?')[0];
    this.page = page === 'audit' || page === 'campaigns' ? page : 'dashboard';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    this.onHash();
    this.applyPrefs();
    const token = session.get();
    if (token) void this.signIn(token);
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  private applyPrefs(): void {
    document.documentElement.lang = this.locale;
    document.documentElement.classList.toggle('sl-theme-dark', this.dark);
    document.title = t(this.locale).title;
  }

  private async signIn(token: string): Promise<void> {
    this.busy = true;
    const who = await api<Who>('/v1/whoami', token);
    this.busy = false;
    if (who.ok) {
      session.set(token);
      this.who = who.value;
      this.signInError = '';
      return;
    }
    session.clear();
    this.who = null;
    this.signInError = who.error.status === 401 ? t(this.locale).badToken : t(this.locale).unreachable;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('sl-input');
    const token = String(input?.value ?? '').trim();
    if (token) void this.signIn(token);
  }

  private signOut(): void {
    session.clear();
    this.who = null;
  }

  private setLocale(value: string): void {
    if (!(LOCALES as readonly string[]).includes(value)) return;
    this.locale = value as Locale;
    localStorage.setItem('onair-console-lang', value);
    this.applyPrefs();
  }

  private setDark(dark: boolean): void {
    this.dark = dark;
    localStorage.setItem('onair-console-theme', dark ? 'dark' : 'light');
    this.applyPrefs();
  }

  override render() {
    const w = t(this.locale);
    const prefs = html`<div class="prefs">
      <sl-select size="small" label=${w.language} aria-label=${w.language} value=${this.locale} @sl-change=${(e: Event) => this.setLocale((e.target as HTMLSelectElement).value)}>
        <sl-option value="en">English</sl-option>
        <sl-option value="zh-CN">简体中文</sl-option>
      </sl-select>
      <sl-switch size="small" ?checked=${this.dark} @sl-change=${(e: Event) => this.setDark((e.target as HTMLInputElement).checked)}>${w.dark}</sl-switch>
    </div>`;
    if (!this.who)
      return html`<header><h1>${w.title}</h1>${prefs}</header>
        <main>
          <form @submit=${this.submit} aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">${w.signInTitle}</h2>
            <p>${w.signInHelp} <code>onair-server tokens create --name ana --scopes stats:read,audit:read</code></p>
            <sl-input name="token" type="password" label=${w.token} autocomplete="off" required password-toggle></sl-input>
            ${this.signInError ? html`<sl-alert variant="danger" open>${this.signInError}</sl-alert>` : nothing}
            <sl-button type="submit" variant="primary" ?loading=${this.busy}>${w.signIn}</sl-button>
          </form>
        </main>`;
    const who = this.who;
    const needed = PAGE_SCOPES[this.page];
    return html`<header>
        <h1>${w.title}</h1>
        <nav aria-label=${w.title}>
          <sl-button variant=${this.page === 'dashboard' ? 'primary' : 'text'} size="small" href="#/dashboard" aria-current=${this.page === 'dashboard' ? 'page' : 'false'}>${w.dashboard}</sl-button>
          <sl-button variant=${this.page === 'campaigns' ? 'primary' : 'text'} size="small" href="#/campaigns" aria-current=${this.page === 'campaigns' ? 'page' : 'false'}>${w.campaigns}</sl-button>
          <sl-button variant=${this.page === 'audit' ? 'primary' : 'text'} size="small" href="#/audit" aria-current=${this.page === 'audit' ? 'page' : 'false'}>${w.audit}</sl-button>
        </nav>
        <div class="who" data-testid="who">
          <span>${w.signedInAs} <strong>${who.name}</strong></span>
          <span class="visually-hidden">${w.scopes}:</span>
          ${who.all ? html`<sl-tag size="small" variant="primary">${w.allScopes}</sl-tag>` : who.scopes.map((scope) => html`<sl-tag size="small">${scope}</sl-tag>`)}
        </div>
        ${prefs}
        <sl-button size="small" @click=${this.signOut}>${w.signOut}</sl-button>
      </header>
      <main>
        ${
          holds(who, needed)
            ? this.page === 'dashboard'
              ? html`<onair-dashboard .locale=${this.locale} .dark=${this.dark} .campaigns=${holds(who, 'campaigns:read')}></onair-dashboard>`
              : this.page === 'campaigns'
                ? html`<onair-campaigns-page .locale=${this.locale}></onair-campaigns-page>`
                : html`<onair-audit-page .locale=${this.locale}></onair-audit-page>`
            : html`<sl-alert variant="warning" open data-testid="refusal">${w.missingScope(who.name, needed, { dashboard: w.dashboard, campaigns: w.campaigns, audit: w.audit }[this.page])}</sl-alert>`
        }
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-console': OnairConsole;
  }
}
