// The schema-driven form on the real assembled campaign schema (every feature the reference server
// runs): it renders every kind of schema that schema contains, each as a labelled Shoelace control,
// is axe-clean and keyboard operable, and round-trips a document — every control, written back
// with what it shows, leaves the document unchanged.
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import { campaignJsonSchema } from '@onair/campaign/model.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { serverFeatures } from '../../../packages/server/src/features.js';
import '../src/schema-form.js';
import type { OnairSchemaForm } from '../src/schema-form.js';
import type { Json, JsonSchema } from '../src/schema-value.js';

const schema = campaignJsonSchema(
  serverFeatures({ gifts: { startingBalance: 1000 } } as Parameters<typeof serverFeatures>[0]),
) as JsonSchema;

/** The kinds of schema node the form must know, as found in a schema. */
function kindsIn(node: unknown, out = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const n of node) kindsIn(n, out);
    return out;
  }
  const s = node as JsonSchema;
  if (s['allOf']) out.add('allOf-if-then');
  if (s['oneOf']) out.add('oneOf');
  if (s['anyOf']) out.add('anyOf');
  if (s['const'] !== undefined) out.add('const');
  if (Array.isArray(s['enum'])) out.add('enum');
  else if (s['type'] === 'object')
    out.add(
      s['properties']
        ? 'object'
        : s['additionalProperties'] && Object.keys(s['additionalProperties'] as object).length
          ? 'map'
          : 'open-object',
    );
  else if (typeof s['type'] === 'string') out.add(s['type']);
  for (const [key, value] of Object.entries(s))
    if (key !== 'enum' && key !== 'const' && key !== 'default') kindsIn(value, out);
  return out;
}

/** A document that reaches every kind: each trigger type, an open object, a map, an icon (anyOf). */
const doc = {
  id: 'xmas',
  title: 'Christmas special',
  room: 'live-1',
  locale: 'zh-CN',
  goLive: '2026-12-24T20:00:00+08:00',
  timeline: [
    {
      id: 'mug',
      command: 'product.put',
      trigger: { type: 'offset', ms: 0 },
      args: { product: 'mug', config: { title: 'Holiday mug', price: { amount: 4900, currency: 'CNY' } } },
    },
    {
      id: 'poll',
      command: 'poll.create',
      trigger: { type: 'after', item: 'mug', ms: 5000 },
      args: {
        poll: {
          id: 'p1',
          kind: 'single',
          question: 'Which color?',
          options: [
            { id: 'red', label: 'Red' },
            { id: 'green', label: 'Green' },
          ],
          votesPerViewer: 1,
          allowChange: true,
        },
        open: true,
      },
      end: { afterMs: 60000, command: 'poll.close', args: { poll: 'p1' } },
      slot: 'overlay-bottom-left',
      show: { element: 'onair-poll', attributes: { poll: 'p1' } },
    },
    {
      id: 'gifts',
      command: 'gift.catalog',
      trigger: { type: 'manual' },
      args: {
        catalog: {
          currency: 'COIN',
          categories: [
            { id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 1, icon: 'rose' }] },
          ],
        },
      },
    },
    {
      id: 'at',
      command: 'product.pin',
      trigger: { type: 'at', at: '2026-12-24T20:10:00+08:00' },
      args: { product: 'mug' },
    },
  ],
  experiments: [
    {
      key: 'promo-label',
      coverage: 1,
      weights: [0.5, 0.5],
      variations: [
        { id: 'control' },
        { id: 'discount', items: { poll: { attributes: { promotion: '限时直降 20 元' } } } },
      ],
    },
  ],
} as unknown as Json;

async function render(value: Json) {
  const form = await fixture<OnairSchemaForm>(
    html`<onair-schema-form .schema=${schema} .value=${value}></onair-schema-form>`,
  );
  const changes: Json[] = [];
  form.addEventListener('onair-change', (e) => {
    changes.push((e as CustomEvent<Json>).detail);
    form.value = (e as CustomEvent<Json>).detail;
  });
  await form.updateComplete;
  return { form, changes, root: form.shadowRoot! };
}

describe('<onair-schema-form> on the real campaign schema', () => {
  it('is accessible', async () => {
    const { form } = await render(doc);
    await expect(form).to.be.accessible();
  });

  it('knows every kind of schema the assembled campaign schema contains', () => {
    const known = [
      'allOf-if-then',
      'oneOf',
      'anyOf',
      'const',
      'enum',
      'object',
      'map',
      'open-object',
      'array',
      'string',
      'number',
      'integer',
      'boolean',
    ];
    const found = [...kindsIn(schema)].sort();
    expect(found.filter((k) => !known.includes(k))).to.deep.equal([]);
    expect(found).to.deep.equal([...known].sort());
  });

  it('renders each kind as its control', async () => {
    const { root } = await render(doc);
    const at = (path: string) => root.querySelector(`[data-path="${path}"]`);
    expect(at('title')?.localName).to.equal('sl-input'); // string
    expect(at('timeline')?.localName).to.equal('fieldset'); // array
    expect(at('timeline[1].args.poll')?.localName).to.equal('fieldset'); // object, from allOf if/then
    expect(at('timeline[1].args.poll.kind')?.localName).to.equal('sl-select'); // enum
    expect(
      [...at('timeline[1].args.poll.kind')!.querySelectorAll('sl-option')].map((o) =>
        o.getAttribute('value'),
      ),
    ).to.deep.equal(['single', 'multiple', 'rating']);
    const votes = at('timeline[1].args.poll.votesPerViewer') as HTMLInputElement; // integer with bounds
    expect([
      votes.getAttribute('type'),
      votes.getAttribute('min'),
      votes.getAttribute('max'),
      votes.getAttribute('step'),
    ]).to.deep.equal(['number', '1', '100', '1']);
    const coverage = at('experiments[0].coverage') as HTMLInputElement; // number with bounds
    expect([
      coverage.getAttribute('min'),
      coverage.getAttribute('max'),
      coverage.getAttribute('step'),
    ]).to.deep.equal(['0', '1', 'any']);
    expect((at('timeline[1].args.poll.allowChange') as HTMLInputElement).checked).to.equal(true); // boolean
    expect(at('timeline[1].trigger.type')?.localName).to.equal('sl-select'); // oneOf by discriminator
    expect((at('timeline[1].trigger.type') as HTMLSelectElement).value).to.equal('after');
    expect(at('timeline[1].trigger.item')?.localName).to.equal('sl-input'); // the chosen branch's fields
    expect(at('timeline[2].trigger.type')).to.exist; // manual: no other field
    expect(at('timeline[2].trigger.item')).to.equal(null);
    expect(at('timeline[1].show.attributes')?.localName).to.equal('fieldset'); // map
    expect(root.querySelector('[data-key="timeline[1].show.attributes.poll"]')).to.exist;
    expect(at('timeline[0].args')?.localName).to.equal('sl-textarea'); // open object (product.put)
    expect(at('timeline[2].args.catalog.categories[0].gifts[0].icon')?.localName).to.equal('sl-input'); // anyOf of strings
    for (const control of root.querySelectorAll('sl-input, sl-select, sl-textarea'))
      expect(control.getAttribute('label'), control.getAttribute('data-path') ?? '').to.not.equal('');
  });

  it('round-trips a document: every control written back with what it shows changes nothing', async () => {
    const { root, changes, form } = await render(doc);
    const controls = [
      ...root.querySelectorAll<HTMLElement>(
        'sl-input[data-path], sl-checkbox[data-path], sl-textarea[data-path], sl-select[data-path]',
      ),
    ].filter((c) => !c.getAttribute('data-path')!.endsWith('.type'));
    for (const control of controls) {
      control.dispatchEvent(new Event(control.localName === 'sl-input' ? 'sl-input' : 'sl-change'));
      await form.updateComplete;
    }
    expect(changes.length).to.equal(controls.length);
    expect(changes.at(-1)).to.deep.equal(doc);
  });

  it('edits in place: a typed value, a chosen trigger kind, an item added and removed by keyboard', async () => {
    const { form, root, changes } = await render(doc);
    const question = root.querySelector<HTMLInputElement>('[data-path="timeline[1].args.poll.question"]')!;
    question.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '!' });
    await form.updateComplete;
    expect(
      (changes.at(-1) as { timeline: { args: { poll: { question: string } } }[] }).timeline[1]!.args.poll
        .question,
    ).to.equal('Which color?!');

    const kind = root.querySelector<HTMLSelectElement>('[data-path="timeline[0].trigger.type"]')!;
    kind.value = 'manual';
    kind.dispatchEvent(new Event('sl-change'));
    await form.updateComplete;
    expect((changes.at(-1) as { timeline: { trigger: unknown }[] }).timeline[0]!.trigger).to.deep.equal({
      type: 'manual',
    });
    expect(root.querySelector('[data-path="timeline[0].trigger.ms"]')).to.equal(null);

    const addOption = root.querySelector<HTMLElement>('[data-add="timeline[1].args.poll.options"]')!;
    addOption.focus();
    await sendKeys({ press: 'Enter' });
    await form.updateComplete;
    const options = () =>
      (form.value as { timeline: { args: { poll: { options: unknown[] } } }[] }).timeline[1]!.args.poll
        .options;
    expect(options()).to.deep.equal([
      { id: 'red', label: 'Red' },
      { id: 'green', label: 'Green' },
      { id: '', label: '' },
    ]);
    root.querySelector<HTMLElement>('[data-remove="timeline[1].args.poll.options[2]"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await form.updateComplete;
    expect(options()).to.have.length(2);
  });

  it('shows an issue beside the field its path names', async () => {
    const form = await fixture<OnairSchemaForm>(html`<onair-schema-form .schema=${schema} .value=${doc}
      .issues=${new Map([['timeline[1].args.poll.question', [{ message: 'expected a string of 1–120 characters', level: 'error' }]]])}></onair-schema-form>`);
    const issue = form.shadowRoot!.querySelector('[data-issue="timeline[1].args.poll.question"]');
    expect(issue?.textContent).to.contain('1–120');
    expect(issue?.previousElementSibling?.getAttribute('data-path')).to.equal(
      'timeline[1].args.poll.question',
    );
  });
});
