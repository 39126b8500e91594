import { createRoom, type RoomContext } from '@onair/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../onair-survey.js';
import { listenersLeftOver } from '../../../../test/support/leaks.js';
import { type TestRoom, testRoom } from '../../../../test/support/local-room.js';
import { DRINK } from '../../../../test/support/surveys.js';
import { until } from '../../../../test/support/until.js';
import type { SurveySubmitRequestDetail } from '../events.js';
import { surveysFeature } from '../model/feature.js';
import type { SurveyInput } from '../model/schema.js';
import { resetDrafts } from './draft.js';
import type { OnairSurvey } from './survey.js';

type QuestionInput = NonNullable<SurveyInput['questions']>[number];

const drink: QuestionInput = { ...DRINK, choices: [...DRINK.choices] };
const QUESTIONS: Record<string, QuestionInput> = {
  single: drink,
  multiple: {
    id: 'm',
    type: 'multiple',
    title: 'Snacks?',
    choices: ['chips', 'nuts', 'fruit'],
    minSelected: 1,
    maxSelected: 2,
  },
  dropdown: { id: 'd', type: 'dropdown', title: 'City', choices: ['Shanghai', 'Beijing'], other: true },
  yesno: { id: 'y', type: 'yesno', title: 'Again on Friday?' },
  rating: { id: 'r', type: 'rating', title: 'Rate the host', minLabel: 'Poor', maxLabel: 'Great' },
  stars: { id: 's', type: 'rating', title: 'Rate the lipstick', stars: true },
  nps: { id: 'n', type: 'rating', title: 'Recommend us?', min: 0, max: 10 },
  text: { id: 't', type: 'text', title: 'Email', input: 'email' },
  longtext: { id: 'l', type: 'longtext', title: 'Anything else?', maxLength: 200 },
  ranking: { id: 'k', type: 'ranking', title: 'Order these', choices: ['a', 'b', 'c'] },
  info: { id: 'i', type: 'info', title: 'A minute of your time.' },
};

/** Three pages, the second only for tea drinkers. */
const BRANCHING: SurveyInput = {
  id: 'b1',
  title: 'Tonight',
  pages: [
    { questions: [drink] },
    {
      visibleIf: "{drink} = 'tea'",
      questions: [
        { id: 'leaf', type: 'single', title: 'Which leaf?', choices: ['green', 'black'], required: true },
      ],
    },
    { questions: [{ id: 'rate', type: 'rating', title: 'Rate us' }] },
  ],
};

let memory: TestRoom;
let room: RoomContext;

/** A survey element in a live in-page room, reached over frames as a server would be. */
async function liveSurvey(
  survey: SurveyInput,
  attrs: { lang?: string; theme?: 'light' | 'dark'; width?: number; viewer?: string } = {},
): Promise<OnairSurvey> {
  memory = testRoom([surveysFeature]);
  memory.ops('survey.create', { survey, open: true });
  room = createRoom({
    room: memory.room,
    channel: memory.local.connect(attrs.viewer ?? 'viewer-1'),
    ...(attrs.theme ? { theme: attrs.theme } : {}),
  });
  return mount(attrs);
}

async function mount(attrs: { lang?: string; width?: number } = {}): Promise<OnairSurvey> {
  const el = await fixture<OnairSurvey>(
    html`<div style=${`inline-size:${attrs.width ?? 480}px`}><onair-survey lang=${attrs.lang ?? 'en'} .room=${room}></onair-survey></div>`,
  ).then((div) => div.querySelector('onair-survey')!);
  await until(el, () => !!q(el, '[part~="question"], [part~="opener"], [part~="done"]'));
  return el;
}

const q = (el: OnairSurvey, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const all = (el: OnairSurvey, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const text = (el: OnairSurvey) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const one = (questions: QuestionInput[], id = 's1'): SurveyInput => ({ id, title: 'Tonight', questions });
const summary = () => memory.local.query('survey.summary', { survey: 'b1' });
const press = async (el: OnairSurvey, selector: string) => {
  q(el, selector)!.click();
  await el.updateComplete;
};

beforeEach(() => {
  localStorage.removeItem('onair-survey');
  resetDrafts();
});

describe('<onair-survey>', () => {
  describe('accessibility (axe)', () => {
    for (const [type, question] of Object.entries(QUESTIONS))
      it(`passes axe: ${type}`, async () => {
        const el = await liveSurvey(one(type === 'info' ? [question, QUESTIONS['yesno']!] : [question]));
        await expect(el).to.be.accessible();
      });

    it('passes axe: dark, zh-CN, with errors shown', async () => {
      const el = await liveSurvey(
        { ...one([drink, { ...QUESTIONS['multiple']!, required: true }]), title: '今晚' },
        { lang: 'zh-CN', theme: 'dark' },
      );
      await press(el, '[part~="next"]');
      await until(el, () => all(el, '[part~="question-error"]').length === 2);
      await expect(el).to.be.accessible();
    });

    it('passes axe: submitted with live results, and closed', async () => {
      const el = await liveSurvey({
        ...one([drink, QUESTIONS['rating']!, QUESTIONS['ranking']!]),
        results: true,
      });
      await memory.act('other', 'survey.submit', {
        survey: 's1',
        answers: { drink: 'coffee', r: 4, k: ['b', 'a', 'c'] },
      });
      await room.channel!.act('survey.submit', { survey: 's1', answers: { drink: 'tea' } });
      await until(el, () => !!q(el, '[part~="results"]'));
      await expect(el).to.be.accessible();
      memory.ops('survey.close', { survey: 's1' });
      await until(el, () => text(el).includes('Results so far'));
      await expect(el).to.be.accessible();
    });

    it('passes axe as a bar on a phone, and with its bottom sheet open', async () => {
      const el = await liveSurvey(BRANCHING, { width: 320 });
      expect(q(el, '[part~="opener"] button')!.getAttribute('aria-haspopup')).to.equal('dialog');
      await expect(el).to.be.accessible();
      await press(el, '[part~="opener"] button');
      await until(el, () => !!q(el, 'dialog[open] [part~="question"]'));
      await expect(el).to.be.accessible();
    });

    it('passes axe showing an invalid config', async () => {
      const el = await fixture<OnairSurvey>(
        html`<onair-survey .config=${{ id: 'x', title: '', questions: [] }}></onair-survey>`,
      );
      await until(el, () => !!q(el, '[role="alert"]'));
      await expect(el).to.be.accessible();
    });
  });

  describe('keyboard', () => {
    it('answers choices, yes/no and ratings with arrows and Space, and goes on with Enter', async () => {
      const el = await liveSurvey(
        one([drink, QUESTIONS['yesno']!, QUESTIONS['rating']!, QUESTIONS['stars']!]),
      );
      q(el, 'input[value="tea"]')!.focus();
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' }); // yes
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' }); // rating 1
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' }); // rating 3
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowRight' }); // 2 stars
      await el.updateComplete;
      expect((q(el, 'input[value="coffee"]') as HTMLInputElement).checked).to.equal(true);
      const submitted = oneEvent(el, 'onair-survey-submit');
      await sendKeys({ press: 'Enter' });
      expect((await submitted).detail.answers).to.deep.equal({ drink: 'coffee', y: true, r: 3, s: 2 });
    });

    it('ticks checkboxes and types text, a number, long text and picks from the dropdown', async () => {
      const el = await liveSurvey(
        one([
          QUESTIONS['multiple']!,
          QUESTIONS['text']!,
          { id: 'age', type: 'text', input: 'number', title: 'Age' },
          QUESTIONS['longtext']!,
          QUESTIONS['dropdown']!,
        ]),
      );
      q(el, 'input[value="nuts"]')!.focus();
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' }); // fruit
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'me@example.com' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '29' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'More snacks' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'ArrowDown' }); // Shanghai
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      const submitted = oneEvent(el, 'onair-survey-submit');
      await press(el, '[part~="next"]');
      expect((await submitted).detail.answers).to.deep.equal({
        m: ['nuts', 'fruit'],
        t: 'me@example.com',
        age: 29,
        l: 'More snacks',
        d: 'Shanghai',
      });
    });

    it('orders a ranking with its buttons: focus stays on the item moved, its new place is said', async () => {
      const el = await liveSurvey(one([QUESTIONS['ranking']!]));
      q(el, '.rank[data-value="a"] button.move:last-of-type')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(all(el, '.rank').map((li) => li.dataset['value'])).to.deep.equal(['b', 'a', 'c']);
      expect(el.shadowRoot!.activeElement?.closest('.rank')?.getAttribute('data-value')).to.equal('a');
      expect(q(el, '[role="status"]')!.textContent).to.include('a: place 2 of 3');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(all(el, '.rank').map((li) => li.dataset['value'])).to.deep.equal(['b', 'c', 'a']);
      const submitted = oneEvent(el, 'onair-survey-submit');
      await press(el, '[part~="next"]');
      expect((await submitted).detail.answers).to.deep.equal({ k: ['b', 'c', 'a'] });
    });

    it('orders a ranking by dragging the handle', async () => {
      const el = await liveSurvey(one([QUESTIONS['ranking']!]));
      const handle = q(el, '.rank[data-value="c"] .handle')!;
      const first = q(el, '.rank[data-value="a"]')!.getBoundingClientRect();
      const box = handle.getBoundingClientRect();
      const at = (y: number, type: string) =>
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          pointerId: 1,
          button: 0,
          clientX: box.x + 4,
          clientY: y,
        });
      handle.dispatchEvent(at(box.y + 4, 'pointerdown'));
      handle.dispatchEvent(at(first.top + 2, 'pointermove'));
      handle.dispatchEvent(at(first.top + 2, 'pointerup'));
      await until(el, () => all(el, '.rank')[0]?.dataset['value'] === 'c');
      expect(all(el, '.rank').map((li) => li.dataset['value'])).to.deep.equal(['c', 'a', 'b']);
    });
  });

  describe('pages and conditions', () => {
    it('shows the branch page only when its condition holds; back keeps the answers', async () => {
      const el = await liveSurvey(BRANCHING);
      expect(text(el)).to.include('Page 1 of 2');
      await press(el, 'input[value="tea"]');
      await until(el, () => text(el).includes('Page 1 of 3'));
      await press(el, '[part~="next"]');
      await until(el, () => text(el).includes('Which leaf?'));
      expect(el.shadowRoot!.activeElement?.classList.contains('page-title')).to.equal(true);
      expect(q(el, '[part~="progress"]')!.getAttribute('aria-valuenow')).to.equal('2');
      await press(el, '[part~="back"]');
      await until(el, () => text(el).includes('Tea or coffee?'));
      expect((q(el, 'input[value="tea"]') as HTMLInputElement).checked).to.equal(true);
      await press(el, 'input[value="coffee"]');
      await press(el, '[part~="next"]');
      await until(el, () => text(el).includes('Rate us'));
      expect(text(el)).to.include('Page 2 of 2');
    });

    it('shows, enables and requires questions as their conditions say', async () => {
      const el = await liveSurvey(
        one([
          { id: 'a', type: 'yesno', title: 'Any kids?' },
          {
            id: 'b',
            type: 'text',
            title: 'How many?',
            input: 'number',
            visibleIf: '{a} = true',
            requiredIf: '{a} = true',
          },
          { id: 'c', type: 'single', title: 'Ages?', choices: ['0-5', '6-12'], enableIf: '{b} > 0' },
        ]),
      );
      expect(text(el)).not.to.include('How many?');
      expect(q(el, 'fieldset[data-type="single"]')!.matches(':disabled')).to.equal(true);
      await press(el, 'input[value="true"]');
      await until(el, () => text(el).includes('How many?'));
      expect(text(el)).to.include('How many?*(required)');
      const field = q(el, 'input[type="number"]') as HTMLInputElement;
      field.value = '2';
      field.dispatchEvent(new Event('input'));
      await until(el, () => !q(el, 'fieldset[data-type="single"]')!.matches(':disabled'));
    });
  });

  describe('validation messages', () => {
    it('shows why, linked to the field and announced, and puts focus on the first', async () => {
      const el = await liveSurvey(
        one([drink, QUESTIONS['multiple']!, { ...QUESTIONS['text']!, required: true }]),
      );
      await press(el, 'input[value="other"]');
      await press(el, 'input[value="chips"]');
      await press(el, 'input[value="nuts"]');
      await press(el, 'input[value="fruit"]');
      await press(el, '[part~="next"]');
      await until(el, () => all(el, '[part~="question-error"]').length === 3);
      expect(all(el, '[part~="question-error"]').map((e) => e.textContent)).to.deep.equal([
        'Tell us what “other” is.',
        'Pick at most 2.',
        'Please answer this question.',
      ]);
      const email = q(el, 'input[type="email"]')!;
      const errorId = email.getAttribute('aria-describedby')!.split(' ').at(-1)!;
      expect(el.shadowRoot!.getElementById(errorId)!.textContent).to.equal('Please answer this question.');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(q(el, 'fieldset[data-type="multiple"]')!.getAttribute('aria-describedby')).to.include('-e');
      expect(el.shadowRoot!.activeElement).to.equal(q(el, 'fieldset[data-type="single"] input'));
      expect(q(el, '[role="status"]')!.textContent).to.include('3 answers need your attention.');
      // Fixed as they are typed.
      const other = q(el, 'input.other') as HTMLInputElement;
      other.value = 'Water';
      other.dispatchEvent(new Event('input'));
      await until(el, () => all(el, '[part~="question-error"]').length === 2);
    });

    it('says it in Chinese', async () => {
      const el = await liveSurvey(one([drink, { ...QUESTIONS['text']!, required: true, input: 'email' }]), {
        lang: 'zh-CN',
      });
      const email = q(el, 'input[type="email"]') as HTMLInputElement;
      email.value = 'nope';
      email.dispatchEvent(new Event('change'));
      await press(el, '[part~="next"]');
      await until(el, () => all(el, '[part~="question-error"]').length === 2);
      expect(all(el, '[part~="question-error"]').map((e) => e.textContent)).to.deep.equal([
        '请回答此题。',
        '请输入有效的邮箱地址。',
      ]);
      expect(text(el)).to.include('提交');
      expect(q(el, '[role="status"]')!.textContent).to.include('有 2 道题需要修改。');
    });
  });

  describe('answers kept across a reload, and submitted once', () => {
    it('restores answers and the page after a reload, for the same viewer', async () => {
      const el = await liveSurvey(BRANCHING);
      await press(el, 'input[value="tea"]');
      await press(el, '[part~="next"]');
      await until(el, () => text(el).includes('Which leaf?'));
      await press(el, 'input[value="green"]');
      el.parentElement!.remove();
      resetDrafts(); // as a new page would: read from storage
      room = createRoom({ room: memory.room, channel: memory.local.connect('viewer-1') });
      const again = await mount();
      await until(again, () => text(again).includes('Which leaf?'));
      expect((q(again, 'input[value="green"]') as HTMLInputElement).checked).to.equal(true);
      // Another viewer on this device does not see them.
      room = createRoom({ room: memory.room, channel: memory.local.connect('viewer-2') });
      const other = await mount();
      expect(text(other)).to.include('Tea or coffee?');
      expect((q(other, 'input[value="tea"]') as HTMLInputElement).checked).to.equal(false);
    });

    it('restores a static survey after a reload', async () => {
      const config = one([drink, QUESTIONS['longtext']!], 'st');
      const el = await fixture<OnairSurvey>(html`<onair-survey .config=${config}></onair-survey>`);
      await until(el, () => !!q(el, 'textarea'));
      const area = q(el, 'textarea') as HTMLTextAreaElement;
      area.value = 'kept';
      area.dispatchEvent(new Event('input'));
      el.remove();
      resetDrafts();
      const again = await fixture<OnairSurvey>(html`<onair-survey .config=${config}></onair-survey>`);
      await until(again, () => (q(again, 'textarea') as HTMLTextAreaElement | null)?.value === 'kept');
    });

    it('sends a response once, whatever the clicks; a resend after a lost answer is the same response', async () => {
      const el = await liveSurvey(BRANCHING);
      await press(el, 'input[value="coffee"]');
      await press(el, '[part~="next"]');
      await until(el, () => text(el).includes('Rate us'));
      // The connection drops as the answer is on its way: the channel is closed under the widget.
      room.channel!.close();
      await press(el, '[part~="next"]');
      await until(el, () => !!q(el, '[part~="error"]'));
      const key = (JSON.parse(localStorage.getItem('onair-survey')!) as Record<string, { key?: string }>)[
        `${memory.room}/viewer-1/b1`
      ]!.key;
      expect(key).to.be.a('string');
      // Back online (a reload): the same key goes again.
      resetDrafts();
      room = createRoom({ room: memory.room, channel: memory.local.connect('viewer-1') });
      el.parentElement!.remove();
      const again = await mount();
      const submitted = oneEvent(again, 'onair-survey-submit');
      q(again, '[part~="next"]')!.click();
      q(again, '[part~="next"]')!.click();
      expect((await submitted).detail.response).to.equal(key);
      await until(again, () => text(again).includes('your answers are in'));
      expect(summary()).to.deep.include({ ok: true });
      expect(
        (summary() as { ok: true; result: { results: { responses: number } } }).result.results.responses,
      ).to.equal(1);
      const resent = await room.channel!.act(
        'survey.submit',
        { survey: 'b1', answers: { drink: 'tea' } },
        key,
      );
      expect(resent.result).to.deep.equal({ survey: 'b1', response: key });
      expect(
        (summary() as { ok: true; result: { results: { responses: number } } }).result.results.responses,
      ).to.equal(1);
    });

    it('shows submitted, not the form, to a viewer who responded (identified: on any device)', async () => {
      await liveSurvey({ ...BRANCHING, identity: 'identified' });
      await room.channel!.act('survey.submit', { survey: 'b1', answers: { drink: 'coffee' } });
      room = createRoom({ room: memory.room, channel: memory.local.connect('viewer-1') });
      const el = await mount();
      await until(el, () => text(el).includes('your answers are in'));
      expect(q(el, '[part~="next"]')).to.equal(null);
    });
  });

  describe('events and the host', () => {
    it('lets the host veto a response, or take it over with respondWith', async () => {
      const el = await liveSurvey(one([QUESTIONS['yesno']!]));
      await press(el, 'input[value="true"]');
      el.addEventListener('onair-survey-submit-request', (e) => e.preventDefault(), { once: true });
      await press(el, '[part~="next"]');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(text(el)).not.to.include('your answers are in');
      el.addEventListener(
        'onair-survey-submit-request',
        (e: CustomEvent<SurveySubmitRequestDetail>) => {
          expect(e.detail).to.deep.include({ survey: 's1', answers: { y: true }, other: {} });
          e.detail.respondWith(Promise.resolve({ response: 'host-42' }));
        },
        { once: true },
      );
      const submitted = oneEvent(el, 'onair-survey-submit');
      await press(el, '[part~="next"]');
      expect((await submitted).detail.response).to.equal('host-42');
      expect(
        (
          memory.local.query('survey.summary', { survey: 's1' }) as {
            ok: true;
            result: { results: { responses: number } };
          }
        ).result.results.responses,
      ).to.equal(0);
    });

    it('renders a refused response inside the widget and fires onair-error', async () => {
      const el = await liveSurvey(one([QUESTIONS['yesno']!]));
      await press(el, 'input[value="false"]');
      memory.ops('survey.close', { survey: 's1' });
      const failed = oneEvent(el, 'onair-error');
      q(el, '[part~="next"]')?.click();
      if (q(el, '[part~="next"]')) expect((await failed).detail.code).to.equal('survey_closed');
      await until(el, () => text(el).includes('This survey has closed'));
    });

    it('fires nothing when a property is set', async () => {
      const el = await liveSurvey(one([QUESTIONS['yesno']!]));
      const fired: string[] = [];
      for (const name of ['onair-survey-submit', 'onair-survey-submit-request', 'onair-error'])
        el.addEventListener(name, () => fired.push(name));
      el.surveyId = 's1';
      el.theme = 'dark';
      await el.updateComplete;
      expect(fired).to.deep.equal([]);
    });

    it('leaves no listeners on the room after 50 mounts', async () => {
      await liveSurvey(one([QUESTIONS['yesno']!]));
      const { before, after } = await listenersLeftOver(room, () => {
        const el = document.createElement('onair-survey');
        el.room = room;
        return el;
      });
      expect(after).to.deep.equal(before);
    });
  });

  describe('phone-first', () => {
    it('opens in a bottom sheet from its bar, and is submitted from there', async () => {
      await setViewport({ width: 375, height: 740 });
      const el = await liveSurvey(one([QUESTIONS['yesno']!]), { width: 340 });
      expect(q(el, 'form')).to.equal(null);
      await press(el, '[part~="opener"] button');
      await until(el, () => !!q(el, 'dialog[open] input[value="true"]'));
      await press(el, 'dialog input[value="true"]');
      const submitted = oneEvent(el, 'onair-survey-submit');
      await press(el, 'dialog [part~="next"]');
      await submitted;
      await until(el, () => text(el).includes('Submitted'));
      await setViewport({ width: 800, height: 600 });
    });
  });
});
