/**
 * `<onair-schema-form>`: a form generated from a JSON Schema (draft-07, as `@valibot/to-json-schema`
 * writes it), not written per widget. It knows the kinds the campaign schema uses: objects with
 * properties, maps (`additionalProperties` with a schema), arrays, strings (with `enum`, `const`,
 * `pattern`), numbers and integers with bounds, booleans, `oneOf`/`anyOf` chosen by a discriminator
 * (a property every branch fixes with `const`), `allOf` of `if`/`then` (the item's `args` follow its
 * `command`), and open objects (edited as JSON in place). Every control is a labelled Shoelace input
 * carrying `data-path` (`timeline[1].args.poll.question`), so issues with that path show beside it.
 *
 * It holds no document: `value` comes in, and each edit sends `onair-change` with the whole new
 * document (the JSON view edits the same one).
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { type Locale, t } from './i18n.js';
import { type Json, type JsonSchema, pathText, resolveSchema, setAt, variantOf } from './schema-value.js';

/** A field's word in the console's language, else its key as the schema names it. */
const fieldName = (w: ReturnType<typeof t>, key: string) =>
  Object.hasOwn(w.fields, key) ? w.fields[key]! : key;

@customElement('onair-schema-form')
export class OnairSchemaForm extends LitElement {
  static override styles = css`
    :host { display: block; }
    fieldset { border: 1px solid var(--sl-color-neutral-200); border-radius: var(--sl-border-radius-medium); margin: 0; padding: var(--sl-spacing-small); display: grid; gap: var(--sl-spacing-small); min-width: 0; }
    legend { font-weight: var(--sl-font-weight-semibold); padding: 0 var(--sl-spacing-2x-small); }
    .row { display: flex; gap: var(--sl-spacing-x-small); align-items: flex-start; }
    .row > :first-child { flex: 1; min-width: 0; }
    .entry { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--sl-spacing-x-small); min-width: 0; }
    fieldset { grid-template-columns: minmax(0, 1fr); }
    /* Nested groups: a rule on the start side instead of another box, so phones keep their width. */
    fieldset fieldset { border-width: 0 0 0 2px; border-radius: 0; padding: 0 0 0 var(--sl-spacing-small); }
    @media (forced-colors: active) { fieldset { border-color: CanvasText; } }
    .actions { display: flex; flex-wrap: wrap; gap: var(--sl-spacing-x-small); }
    .issue { color: var(--sl-color-danger-700); font-size: var(--sl-font-size-small); margin: 0; }
    .warn { color: var(--sl-color-warning-700); }
    sl-input, sl-select, sl-textarea { min-width: 0; }
    .const { font-size: var(--sl-font-size-small); color: var(--sl-color-neutral-700); }
  `;

  @property({ attribute: false }) schema: JsonSchema | null = null;
  @property({ attribute: false }) value: Json = {};
  /** Issues by path (errors and warnings from validation, preflight or a refused push). */
  @property({ attribute: false }) issues: Map<string, { message: string; level: 'error' | 'warning' }[]> =
    new Map();
  @property() locale: Locale = 'en';

  private emit(path: (string | number)[], next: Json | undefined): void {
    this.dispatchEvent(
      new CustomEvent('onair-change', {
        detail: setAt(this.value, path, next),
        bubbles: true,
        composed: true,
      }),
    );
  }

  private issuesAt(path: (string | number)[]) {
    const here = this.issues.get(pathText(path)) ?? [];
    return here.length
      ? here.map(
          (i) =>
            html`<p class="issue ${i.level === 'warning' ? 'warn' : ''}" data-issue=${pathText(path)}>${i.message}</p>`,
        )
      : nothing;
  }

  override render() {
    if (!this.schema) return nothing;
    return this.node(this.schema, this.value, [], t(this.locale).campaignDoc, true);
  }

  /** One value of any kind, under `label`. */
  private node(
    raw: JsonSchema,
    value: Json | undefined,
    path: (string | number)[],
    label: string,
    required: boolean,
  ): TemplateResult {
    const schema = resolveSchema(raw, value);
    const branches = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
    if (branches) return this.choice(branches, value, path, label);
    if (schema['const'] !== undefined)
      return html`<span class="const" data-path=${pathText(path)}>${label}: <code>${String(schema['const'])}</code></span>`;
    const type = schema['type'] ?? (schema['enum'] ? 'string' : undefined);
    if (Array.isArray(schema['enum'])) return this.enumField(schema, value, path, label, required);
    switch (type) {
      case 'object':
        if (schema['properties']) return this.object(schema, value, path, label);
        if (schema['additionalProperties'] && Object.keys(schema['additionalProperties'] as object).length)
          return this.map(schema, value, path, label);
        return this.openObject(value, path, label);
      case 'array':
        return this.array(schema, value, path, label, required);
      case 'number':
      case 'integer':
        return this.numberField(schema, value, path, label, required);
      case 'boolean':
        return this.booleanField(schema, value, path, label);
      default:
        return this.stringField(schema, value, path, label, required);
    }
  }

  private object(schema: JsonSchema, value: Json | undefined, path: (string | number)[], label: string) {
    const w = t(this.locale);
    const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<
      string,
      Json
    >;
    const required = new Set((schema['required'] as string[] | undefined) ?? []);
    const properties = schema['properties'] as Record<string, JsonSchema>;
    return html`<fieldset data-path=${pathText(path)}>
      <legend>${label}</legend>
      ${this.issuesAt(path)}
      ${Object.entries(properties).map(([key, sub]) => {
        const here = [...path, key];
        const kind = resolveSchema(sub, obj[key]);
        // An optional group without a default is added on demand; one with a default is always there.
        const optionalGroup =
          !required.has(key) &&
          sub['default'] === undefined &&
          (kind['type'] === 'object' || kind['oneOf'] || kind['anyOf']);
        if (optionalGroup && !Object.hasOwn(obj, key))
          return html`<div class="actions">
            <sl-button size="small" data-add=${pathText(here)} @click=${() => this.emit(here, emptyOf(kind))}>${w.addField(fieldName(w, key))}</sl-button>
          </div>`;
        const field = this.node(sub, obj[key], here, fieldName(w, key), required.has(key));
        return optionalGroup
          ? html`<div class="entry">${field}
              <div class="actions"><sl-button size="small" variant="text" data-remove=${pathText(here)} @click=${() => this.emit(here, undefined)}>${w.removeField(fieldName(w, key))}</sl-button></div>
            </div>`
          : field;
      })}
    </fieldset>`;
  }

  /** A map from names to values (`show.attributes`, a variation's `items`). */
  private map(schema: JsonSchema, value: Json | undefined, path: (string | number)[], label: string) {
    const w = t(this.locale);
    const obj = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<
      string,
      Json
    >;
    const inner = schema['additionalProperties'] as JsonSchema;
    const rename = (from: string, to: string) => {
      if (!to || to === from || Object.hasOwn(obj, to)) return;
      const next: Record<string, Json> = {};
      for (const [k, v] of Object.entries(obj)) next[k === from ? to : k] = v;
      this.emit(path, next);
    };
    return html`<fieldset data-path=${pathText(path)}>
      <legend>${label}</legend>
      ${this.issuesAt(path)}
      ${Object.entries(obj).map(
        ([key, v]) => html`<div class="entry">
          <div class="row">
            <sl-input size="small" label=${w.entryName} data-key=${pathText([...path, key])} .value=${live(key)}
              @sl-change=${(e: Event) => rename(key, (e.target as HTMLInputElement).value.trim())}></sl-input>
            <sl-button size="small" variant="text" class="remove" data-remove=${pathText([...path, key])} @click=${() => this.emit([...path, key], undefined)}>${w.remove}</sl-button>
          </div>
          ${this.node(inner, v, [...path, key], key, true)}
        </div>`,
      )}
      <div class="actions">
        <sl-button size="small" data-add=${pathText(path)} @click=${() => {
          let n = 1;
          while (Object.hasOwn(obj, `name${n}`)) n++;
          this.emit([...path, `name${n}`], emptyOf(resolveSchema(inner, undefined)));
        }}>${w.addEntry}</sl-button>
      </div>
    </fieldset>`;
  }

  /** An object the schema leaves open (a feature whose parser keeps no schema): JSON in place. */
  private openObject(value: Json | undefined, path: (string | number)[], label: string) {
    const w = t(this.locale);
    return html`<div class="entry">
      <sl-textarea size="small" rows="3" label=${label} help-text=${w.openObjectHelp} data-path=${pathText(path)}
        .value=${live(JSON.stringify(value ?? {}, null, 1))}
        @sl-change=${(e: Event) => {
          const target = e.target as HTMLTextAreaElement & { setCustomValidity(m: string): void };
          try {
            const parsed = JSON.parse(target.value) as Json;
            target.setCustomValidity('');
            this.emit(path, parsed);
          } catch {
            target.setCustomValidity(w.notJson);
            target.reportValidity();
          }
        }}></sl-textarea>
      ${this.issuesAt(path)}
    </div>`;
  }

  /** A list; an optional one that loses its last item leaves the document. */
  private array(
    schema: JsonSchema,
    value: Json | undefined,
    path: (string | number)[],
    label: string,
    required: boolean,
  ) {
    const w = t(this.locale);
    const list = Array.isArray(value) ? value : [];
    const inner = (schema['items'] ?? {}) as JsonSchema;
    const max = schema['maxItems'] as number | undefined;
    return html`<fieldset data-path=${pathText(path)}>
      <legend>${label} <span class="const">(${list.length})</span></legend>
      ${this.issuesAt(path)}
      ${list.map(
        (v, i) => html`<div class="entry">
          ${this.node(inner, v, [...path, i], `${label} ${i + 1}${idOf(v)}`, true)}
          <div class="actions">
            <sl-button size="small" variant="text" data-remove=${pathText([...path, i])} @click=${() =>
              this.emit(
                path,
                list.length > 1 || required ? list.filter((_, j) => j !== i) : undefined,
              )}>${w.removeItem(`${label} ${i + 1}`)}</sl-button>
          </div>
        </div>`,
      )}
      <div class="actions">
        <sl-button size="small" data-add=${pathText(path)} ?disabled=${max !== undefined && list.length >= max}
          @click=${() => this.emit([...path, list.length], emptyOf(resolveSchema(inner, undefined)))}>${w.addItem(label)}</sl-button>
      </div>
    </fieldset>`;
  }

  /** `oneOf`/`anyOf`: a select of the discriminator's values, then the chosen branch's fields. */
  private choice(branches: JsonSchema[], value: Json | undefined, path: (string | number)[], label: string) {
    const w = t(this.locale);
    const found = variantOf(branches, value);
    if (!found.discriminator) {
      // No discriminator (a gift icon: one of the built-in names, or a URL): a string with suggestions.
      const names = branches.flatMap((b) => (b['enum'] as string[] | undefined) ?? []);
      return this.stringField({ type: 'string', examples: names }, value, path, label, true);
    }
    const key = found.discriminator;
    const options = branches.map((b) =>
      String((b['properties'] as Record<string, JsonSchema>)[key]!['const']),
    );
    const chosen = found.index >= 0 ? branches[found.index]! : null;
    return html`<fieldset data-path=${pathText(path)}>
      <legend>${label}</legend>
      <sl-select size="small" label=${w.kindOf(label)} data-path=${pathText([...path, key])} .value=${live(found.index >= 0 ? options[found.index]! : '')}
        @sl-change=${(e: Event) => {
          const next = (e.target as HTMLSelectElement).value;
          const branch = branches[options.indexOf(next)];
          if (branch) this.emit(path, { ...(emptyOf(branch) as object), [key]: next });
        }}>
        ${options.map((o) => html`<sl-option value=${o}>${o}</sl-option>`)}
      </sl-select>
      ${this.issuesAt(path)}
      ${
        chosen
          ? Object.entries(chosen['properties'] as Record<string, JsonSchema>)
              .filter(([k]) => k !== key)
              .map(([k, sub]) =>
                this.node(
                  sub,
                  (value as Record<string, Json>)[k],
                  [...path, k],
                  fieldName(w, k),
                  ((chosen['required'] as string[]) ?? []).includes(k),
                ),
              )
          : nothing
      }
    </fieldset>`;
  }

  private enumField(
    schema: JsonSchema,
    value: Json | undefined,
    path: (string | number)[],
    label: string,
    required: boolean,
  ) {
    const options = (schema['enum'] as Json[]).map(String);
    return html`<div class="entry">
      <sl-select size="small" label=${label} data-path=${pathText(path)} ?required=${required} ?clearable=${!required} hoist
        placeholder=${schema['default'] !== undefined ? String(schema['default']) : ''}
        .value=${live(typeof value === 'string' ? value : '')}
        @sl-change=${(e: Event) => this.emit(path, (e.target as HTMLSelectElement).value || undefined)}>
        ${options.map((o) => html`<sl-option value=${o}>${o}</sl-option>`)}
      </sl-select>
      ${this.issuesAt(path)}
    </div>`;
  }

  private stringField(
    schema: JsonSchema,
    value: Json | undefined,
    path: (string | number)[],
    label: string,
    required: boolean,
  ) {
    const w = t(this.locale);
    const examples = (schema['examples'] as string[] | undefined) ?? [];
    const help = schema['pattern'] === undefined ? '' : isDateTime(schema) ? w.dateTimeHelp : '';
    return html`<div class="entry">
      <sl-input size="small" label=${label} data-path=${pathText(path)} ?required=${required}
        help-text=${help || (examples.length ? examples.join(', ') : '')}
        maxlength=${(schema['maxLength'] as number | undefined) ?? nothing}
        .value=${live(typeof value === 'string' ? value : '')}
        @sl-input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          this.emit(path, text === '' && !required ? undefined : text);
        }}></sl-input>
      ${this.issuesAt(path)}
    </div>`;
  }

  private numberField(
    schema: JsonSchema,
    value: Json | undefined,
    path: (string | number)[],
    label: string,
    required: boolean,
  ) {
    const integer = schema['type'] === 'integer';
    const min = schema['minimum'] as number | undefined;
    const max = schema['maximum'] as number | undefined;
    const bounds = [min !== undefined ? `≥ ${min}` : '', max !== undefined ? `≤ ${max}` : '']
      .filter(Boolean)
      .join(', ');
    return html`<div class="entry">
      <sl-input size="small" type="number" label=${label} data-path=${pathText(path)} ?required=${required}
        min=${min ?? nothing} max=${max ?? nothing} step=${integer ? 1 : 'any'}
        help-text=${[bounds, schema['default'] !== undefined ? `${t(this.locale).byDefault} ${schema['default']}` : ''].filter(Boolean).join(' · ')}
        .value=${live(typeof value === 'number' ? String(value) : '')}
        @sl-input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          const n = Number(text);
          this.emit(path, text === '' || !Number.isFinite(n) ? undefined : n);
        }}></sl-input>
      ${this.issuesAt(path)}
    </div>`;
  }

  private booleanField(
    schema: JsonSchema,
    value: Json | undefined,
    path: (string | number)[],
    label: string,
  ) {
    const checked = typeof value === 'boolean' ? value : schema['default'] === true;
    return html`<div class="entry">
      <sl-checkbox size="small" data-path=${pathText(path)} .checked=${live(checked)}
        @sl-change=${(e: Event) => {
          const next = (e.target as HTMLInputElement).checked;
          // Left out while it is the default and was never set, so a round trip adds nothing.
          this.emit(path, value === undefined && next === (schema['default'] === true) ? undefined : next);
        }}>${label}</sl-checkbox>
      ${this.issuesAt(path)}
    </div>`;
  }
}

/** An entry's own id, to tell list entries apart (`timeline 2 · poll`). */
const idOf = (value: Json | undefined) => {
  const id = value && typeof value === 'object' && !Array.isArray(value) ? value['id'] : undefined;
  return typeof id === 'string' && id ? ` · ${id}` : typeof id === 'number' ? ` · ${id}` : '';
};

const isDateTime = (schema: JsonSchema) => String(schema['pattern']).startsWith('^\\d{4}-');

/** What a newly added value starts as: its default, the fixed discriminator, or an empty one. */
export function emptyOf(schema: JsonSchema): Json {
  if (schema['default'] !== undefined) return structuredClone(schema['default'] as Json);
  const branches = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (branches) return emptyOf(branches[0]!);
  if (schema['const'] !== undefined) return schema['const'] as Json;
  switch (schema['type']) {
    case 'object': {
      const out: Record<string, Json> = {};
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      for (const key of (schema['required'] as string[] | undefined) ?? [])
        if (properties[key]) out[key] = emptyOf(properties[key]);
      return out;
    }
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return (schema['minimum'] as number | undefined) ?? 0;
    case 'boolean':
      return false;
    default:
      return Array.isArray(schema['enum']) ? (schema['enum'][0] as Json) : '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-schema-form': OnairSchemaForm;
  }
}
