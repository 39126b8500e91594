import { createChannel, createRoom } from '@onair/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../onair-poll.js';
import '@onair/core/onair-room.js';
import { contrast, parseColor, seenBackground, textContrast } from '../../../../test/support/contrast.js';
import { testRoom } from '../../../../test/support/local-room.js';
import { until } from '../../../../test/support/until.js';
import type { VoteRequestDetail } from '../events.js';
import { pollsFeature } from '../model/feature.js';
import type { PollConfigInput } from '../model/schema.js';
import type { OnairPoll } from './poll.js';

const options = [
  { id: 'a', label: 'Coupon' },
  { id: 'b', label: 'Free gift' },
  { id: 'c', label: 'Lucky draw' },
];
const single: PollConfigInput = { id: 'p1', question: 'Which deal do you want?', options };

/** A poll element in a live in-page room, reached over frames as a server would be. */
async function livePoll(config: PollConfigInput, attrs: { lang?: string; theme?: 'light' | 'dark' } = {}) {
  const memory = testRoom([pollsFeature]);
  memory.ops('poll.create', { poll: config, open: true });
  const room = createRoom({
    room: memory.room,
    transport: memory.transport(),
    ...(attrs.theme ? { theme: attrs.theme } : {}),
  });
  const el = await fixture<OnairPoll>(
    html`<onair-poll lang=${attrs.lang ?? 'en'} .room=${room}></onair-poll>`,
  );
  await until(el, () => !!el.shadowRoot?.querySelector('[part~="option"]'));
  return { el, memory, room };
}

const inputs = (el: OnairPoll) => [...el.shadowRoot!.querySelectorAll('input')];
const submit = (el: OnairPoll) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]');
const text = (el: OnairPoll) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<onair-poll>', () => {
  describe('accessibility (axe)', () => {
    const variants: [string, PollConfigInput, { lang?: string; theme?: 'light' | 'dark' }][] = [
      ['single, light', single, { theme: 'light' }],
      ['single, dark', single, { theme: 'dark' }],
      ['single, zh-CN', { ...single, question: '你最想要哪个福利？' }, { lang: 'zh-CN' }],
      ['multiple', { ...single, kind: 'multiple', maxSelections: 2 }, {}],
      ['rating 0–10', { id: 'r', kind: 'rating', scale: '0-10', question: 'Rate it' }, {}],
      [
        'quiz, results after close',
        { ...single, correct: ['b'], results: 'after-close', durationMs: 60_000 },
        {},
      ],
    ];
    for (const [name, config, attrs] of variants) {
      it(`passes axe: ${name}`, async () => {
        const { el } = await livePoll(config, attrs);
        await expect(el).to.be.accessible();
      });
    }

    it('passes axe when closed with results and the quiz answer revealed', async () => {
      const { el, memory } = await livePoll({ ...single, correct: ['b'] });
      memory.ops('poll.close', { poll: 'p1' });
      await until(el, () => text(el).includes('Correct answer'));
      await expect(el).to.be.accessible();
    });

    it('passes axe when showing an invalid config', async () => {
      const el = await fixture<OnairPoll>(
        html`<onair-poll .config=${{ id: 'x', question: 'Q', options: [] }}></onair-poll>`,
      );
      await until(el, () => !!el.shadowRoot!.querySelector('[role="alert"]'));
      await expect(el).to.be.accessible();
    });
  });

  describe('voting', () => {
    it('votes with the keyboard: arrows pick, Enter submits, the result is shown and marked', async () => {
      const { el } = await livePoll(single);
      inputs(el)[0]!.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(inputs(el)[0]!.checked).to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(inputs(el)[1]!.checked).to.equal(true);
      const voted = oneEvent(el, 'onair-vote');
      await sendKeys({ press: 'Enter' });
      const event = await voted;
      expect(event.detail).to.deep.equal({ pollId: 'p1', choice: ['b'], count: 1 });
      await until(el, () => text(el).includes('Your choice'));
      expect(text(el)).to.include('100%');
      expect(inputs(el).every((input) => input.matches(':disabled'))).to.equal(true);
    });

    it('lets the host veto a vote by canceling onair-vote-request', async () => {
      const { el, memory } = await livePoll(single);
      el.addEventListener('onair-vote-request', (event) => event.preventDefault(), { once: true });
      inputs(el)[0]!.click();
      await el.updateComplete;
      submit(el)!.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((memory.local.opsState()['polls']!['p1'] as { voters: number }).voters).to.equal(0);
    });

    it('lets the host take a vote over with respondWith, and refuses a late respondWith', async () => {
      const { el, memory } = await livePoll(single);
      let late: (() => void) | null = null;
      el.addEventListener(
        'onair-vote-request',
        (event: CustomEvent<VoteRequestDetail>) => {
          event.detail.respondWith(new Promise((resolve) => setTimeout(() => resolve({ count: 2 }), 20)));
          late = () => event.detail.respondWith({ count: 9 });
        },
        { once: true },
      );
      inputs(el)[1]!.click();
      await el.updateComplete;
      const voted = oneEvent(el, 'onair-vote');
      submit(el)!.click();
      expect((await voted).detail).to.deep.equal({ pollId: 'p1', choice: ['b'], count: 2 });
      // The host counted it: nothing went through the room.
      expect((memory.local.opsState()['polls']!['p1'] as { voters: number }).voters).to.equal(0);
      expect(() => late!())
        .to.throw()
        .with.property('name', 'IntentError');
    });

    it('limits a multiple-choice selection to maxSelections', async () => {
      const { el } = await livePoll({ ...single, kind: 'multiple', maxSelections: 2 });
      for (const input of inputs(el)) input.click();
      await el.updateComplete;
      expect(inputs(el).filter((input) => input.checked).length).to.equal(2);
      const voted = oneEvent(el, 'onair-vote');
      submit(el)!.click();
      expect((await voted).detail.choice).to.deep.equal(['a', 'b']);
    });

    it('shows results only after voting when results are after-vote', async () => {
      const { el } = await livePoll({ ...single, results: 'after-vote' });
      expect(el.shadowRoot!.querySelector('[part~="bar"]')).to.equal(null);
      expect(text(el)).to.include('Results appear after you vote');
      inputs(el)[2]!.click();
      await el.updateComplete;
      submit(el)!.click();
      await oneEvent(el, 'onair-vote');
      await until(el, () => !!el.shadowRoot!.querySelector('[part~="bar"]'));
    });

    it('updates live when another viewer votes, and announces results politely', async () => {
      const { el, memory } = await livePoll(single);
      const other = createChannel({ room: memory.room, transport: memory.transport() });
      await other.act('poll.vote', { poll: 'p1', choice: ['c'] });
      await until(el, () => text(el).includes('1 vote'));
      const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
      expect(live.textContent).to.include('Lucky draw 100%');
      other.close();
    });

    it('renders a refused vote inside the widget and fires onair-error', async () => {
      const { el, memory } = await livePoll(single);
      inputs(el)[0]!.click();
      await el.updateComplete;
      memory.ops('poll.close', { poll: 'p1' });
      // The click races the close: the server refuses, the widget says so.
      const failed = oneEvent(el, 'onair-error');
      submit(el)?.click();
      if (submit(el)) {
        const event = await failed;
        expect(event.detail.code).to.equal('poll_closed');
      }
      await until(el, () => text(el).includes('Poll closed'));
    });

    it('speaks Chinese inside a zh-CN room', async () => {
      const { el } = await livePoll(single, { lang: 'zh-CN' });
      expect(text(el)).to.include('单选');
      expect(submit(el)!.textContent).to.include('投票');
    });

    it('counts down and closes on time in a static quiz', async () => {
      const el = await fixture<OnairPoll>(
        html`<onair-poll .config=${{ ...single, correct: ['a'], durationMs: 5000 }}></onair-poll>`,
      );
      await until(el, () => !!el.shadowRoot!.querySelector('[role="timer"]'));
      expect(el.shadowRoot!.querySelector('[role="timer"]')!.textContent).to.match(/0:0[45]/);
    });
  });

  describe('look and states (issue 13)', () => {
    const ten: PollConfigInput = {
      id: 'p10',
      question: 'Which colour for the next drop?',
      options: Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, label: `Colour number ${i + 1}` })),
    };

    it('keeps light radios in a light poll on a dark page (its own color-scheme)', async () => {
      document.documentElement.style.colorScheme = 'dark';
      try {
        const { el } = await livePoll(single, { theme: 'light' });
        expect(getComputedStyle(inputs(el)[0]!).colorScheme).to.equal('light');
        el.theme = 'dark';
        await el.updateComplete;
        expect(getComputedStyle(inputs(el)[0]!).colorScheme).to.equal('dark');
      } finally {
        document.documentElement.style.colorScheme = '';
      }
    });

    it('keeps focus in the poll after a keyboard vote', async () => {
      const { el } = await livePoll(single);
      inputs(el)[1]!.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      submit(el)!.focus();
      const voted = oneEvent(el, 'onair-vote');
      await sendKeys({ press: 'Enter' });
      await voted;
      await until(el, () => text(el).includes('Your choice'));
      // Booleans, not elements: a failing assertion would serialise the element and its room.
      expect(document.activeElement === el, 'focus stays in the poll').to.equal(true);
      expect(!!el.shadowRoot!.activeElement).to.equal(true);
    });

    it('bounds a 10-option poll and scrolls its options, the Vote button still in view', async () => {
      const { el } = await livePoll(ten);
      const box = el.getBoundingClientRect();
      expect(box.height).to.be.at.most(30 * 16 + 1);
      const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="options"]')!;
      expect(list.scrollHeight).to.be.greaterThan(list.clientHeight);
      const button = submit(el)!.getBoundingClientRect();
      expect(button.bottom).to.be.at.most(box.bottom);
    });

    it('says in words when a multiple-choice selection is full', async () => {
      const { el } = await livePoll({ ...single, kind: 'multiple', maxSelections: 2 });
      expect(text(el)).to.include('Pick up to 2');
      for (const input of inputs(el)) input.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="meta"]')!.textContent).to.include(
        'You picked 2, the most you can',
      );
    });

    it('shows a countdown bar while a timed poll runs', async () => {
      const { el } = await livePoll({ ...single, durationMs: 60_000 });
      const countdown = el.shadowRoot!.querySelector('[part~="countdown"]')!;
      expect(countdown.getAttribute('role')).to.equal('timer');
      expect(countdown.textContent).to.match(/Closes in [01]:\d\d/);
      expect(el.shadowRoot!.querySelector('[part~="countdown-bar"]')).to.exist;
    });

    it('looks closed when closed and marks the winner', async () => {
      const { el, memory } = await livePoll(single);
      for (const [i, choice] of [['b'], ['b'], ['a']].entries())
        await memory.act(`other-${i}`, 'poll.vote', { poll: 'p1', choice });
      memory.ops('poll.close', { poll: 'p1' });
      await until(el, () => text(el).includes('Poll closed'));
      const base = el.shadowRoot!.querySelector('[part~="base"]')!;
      expect(base.hasAttribute('data-closed')).to.equal(true);
      const winners = [...el.shadowRoot!.querySelectorAll('[part~="option"][data-winner]')];
      expect(winners.map((w) => w.textContent!.replace(/\s+/g, ' '))).to.have.length(1);
      expect(winners[0]!.textContent).to.include('Free gift');
      expect(winners[0]!.textContent).to.include('Top pick');
      expect(submit(el)).to.equal(null);
    });

    it('reveals the quiz answer and the viewer’s wrong pick', async () => {
      const { el, memory } = await livePoll({ ...single, correct: ['b'] });
      inputs(el)[0]!.click();
      await el.updateComplete;
      submit(el)!.click();
      await oneEvent(el, 'onair-vote');
      memory.ops('poll.close', { poll: 'p1' });
      await until(el, () => text(el).includes('Correct answer'));
      const right = el.shadowRoot!.querySelector('[part~="option"][data-correct]')!;
      expect(right.textContent).to.include('Free gift');
      const wrong = el.shadowRoot!.querySelector('[part~="option"][data-wrong]')!;
      expect(wrong.textContent).to.include('Coupon');
      expect(text(el)).to.include('Not this time');
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`result bars stand out from their track at 3:1 and text at 4.5:1 (${theme})`, async () => {
        const { el, memory } = await livePoll(single, { theme });
        const other = createChannel({ room: memory.room, transport: memory.transport() });
        await other.act('poll.vote', { poll: 'p1', choice: ['a'] });
        other.close();
        await until(el, () => text(el).includes('1 vote'));
        await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
        const bar = el.shadowRoot!.querySelector<HTMLElement>('[part~="bar"]')!;
        const track = bar.parentElement!;
        const fill = parseColor(getComputedStyle(bar).backgroundColor);
        expect(contrast(seenBackground(bar), seenBackground(track))).to.be.at.least(3);
        expect(fill[3]).to.equal(1);
        for (const label of el.shadowRoot!.querySelectorAll('[part~="count"], [part~="option"] .label'))
          expect(textContrast(label)).to.be.at.least(4.5);
      });

      it(`a disabled Vote button keeps 4.5:1 and shows more than opacity (${theme})`, async () => {
        const { el } = await livePoll(single, { theme });
        const button = submit(el)!;
        expect(button.disabled).to.equal(true);
        expect(getComputedStyle(button).opacity).to.equal('1');
        expect(getComputedStyle(button).borderStyle).to.equal('dashed');
        expect(textContrast(button)).to.be.at.least(4.5);
      });
    }
  });

  describe('properties and events', () => {
    it('emits nothing when code sets properties', async () => {
      const events: string[] = [];
      const record = (event: Event) => events.push(event.type);
      for (const type of ['onair-vote', 'onair-vote-request', 'onair-error'])
        document.addEventListener(type, record);
      const { el } = await livePoll(single);
      el.theme = 'dark';
      el.pollId = 'p1';
      await el.updateComplete;
      el.config = single;
      await el.updateComplete;
      for (const type of ['onair-vote', 'onair-vote-request', 'onair-error'])
        document.removeEventListener(type, record);
      expect(events).to.deep.equal([]);
    });

    it('shows the latest poll ops open in the room', async () => {
      const memory = testRoom([pollsFeature], { room: 'ops-room' });
      const el = await fixture<OnairPoll>(
        html`<onair-room .transport=${memory.transport()} room="ops-room"><onair-poll></onair-poll></onair-room>`,
      ).then((room) => room.querySelector('onair-poll') as OnairPoll);
      await el.updateComplete;
      expect(text(el)).to.include('No poll right now');
      memory.ops('poll.create', { poll: { ...single, question: 'Fresh from ops?' }, open: true });
      await until(el, () => text(el).includes('Fresh from ops?'));
    });
  });

  describe('bad config', () => {
    const cases: [string, unknown, string][] = [
      ['too few options', { id: 'x', question: 'Q', options: [{ id: 'a', label: 'A' }] }, 'options'],
      [
        'long option label',
        {
          id: 'x',
          question: 'Q',
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B'.repeat(41) },
          ],
        },
        'options[1].label',
      ],
      ['empty question', { id: 'x', question: '', options }, 'question'],
      ['question too long', { id: 'x', question: 'Q'.repeat(121), options }, 'question'],
      ['unknown kind', { id: 'x', kind: 'ranking', question: 'Q', options }, 'kind'],
      ['unknown field', { id: 'x', question: 'Q', options, colour: 'red' }, 'colour'],
      ['missing id', { question: 'Q', options }, 'id'],
      ['quiz answer not an option', { id: 'x', question: 'Q', options, correct: ['z'] }, 'correct[0]'],
      [
        'maxSelections over options',
        { id: 'x', kind: 'multiple', question: 'Q', options, maxSelections: 5 },
        'maxSelections',
      ],
      [
        'duplicate option ids',
        {
          id: 'x',
          question: 'Q',
          options: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        },
        'options[1].id',
      ],
      ['not an object', 'poll', ''],
    ];
    for (const [name, config, path] of cases) {
      it(`names the field: ${name}`, async () => {
        const errors: unknown[] = [];
        const onError = (event: ErrorEvent) => errors.push(event.error);
        window.addEventListener('error', onError);
        const el = document.createElement('onair-poll');
        const reported = oneEvent(el, 'onair-error');
        el.config = config;
        document.body.append(el);
        const event = await reported;
        await el.updateComplete;
        window.removeEventListener('error', onError);
        el.remove();
        expect(event.detail.code).to.equal('invalid_config');
        expect(event.detail.path).to.equal(path);
        if (path) expect(event.detail.message.startsWith(`${path}: `)).to.equal(true);
        expect(errors).to.deep.equal([]);
      });
    }

    it('reports a config attribute that is not JSON', async () => {
      const el = await fixture<OnairPoll>(html`<onair-poll config="{nope"></onair-poll>`);
      await until(el, () => text(el).includes('expected valid JSON'));
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.exist;
    });

    it('localizes the error message in zh-CN', async () => {
      const el = await fixture<OnairPoll>(
        html`<onair-poll lang="zh-CN" .config=${{ id: 'x', question: '', options }}></onair-poll>`,
      );
      await until(el, () => text(el).includes('组件配置无效'));
      expect(text(el)).to.include('应为 1–120 个字符的文本');
    });
  });

  it('reports open, impression (≥ 50 % visible for ≥ 1 s), vote and close through the room', async () => {
    const events: { type: string; props: Record<string, unknown>; widget: unknown }[] = [];
    const tracker = {
      track: (type: string, props: Record<string, unknown> = {}, context: { widget?: unknown } = {}) =>
        events.push({ type, props, widget: context.widget }),
    };
    const memory = testRoom([pollsFeature], { room: 'telemetry' });
    memory.ops('poll.create', { poll: single, open: true });
    const room = { ...createRoom({ room: memory.room, transport: memory.transport() }), telemetry: tracker };
    const el = await fixture<OnairPoll>(html`<onair-poll id="w1" .room=${room}></onair-poll>`);
    await until(el, () => events.some((e) => e.type === 'widget.open'));
    expect(events[0]).to.deep.equal({
      type: 'widget.open',
      props: { poll: 'p1' },
      widget: { kind: 'poll', id: 'w1' },
    });
    expect(events.some((e) => e.type === 'widget.impression')).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(events.filter((e) => e.type === 'widget.impression').length).to.equal(1);
    inputs(el)[0]!.click();
    await el.updateComplete;
    submit(el)!.click();
    await oneEvent(el, 'onair-vote');
    const vote = events.find((e) => e.type === 'poll.vote');
    expect(vote?.props).to.include({ poll: 'p1', count: 1, kind: 'single', quiz: false });
    expect(vote?.props.choice).to.deep.equal(['a']);
    el.remove();
    const close = events.find((e) => e.type === 'widget.close');
    expect(close?.props).to.include({ reason: 'removed' });
    expect(close?.props.dwellMs).to.be.greaterThan(1000);
  });

  it('keeps a static poll’s vote when the element moves in the page', async () => {
    const el = await fixture<OnairPoll>(html`<onair-poll .config=${single}></onair-poll>`);
    await until(el, () => inputs(el).length === 3);
    inputs(el)[1]!.click();
    await el.updateComplete;
    submit(el)!.click();
    await oneEvent(el, 'onair-vote');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await until(el, () => text(el).includes('100%'));
    expect(text(el)).to.include('Your choice');
    expect(submit(el)).to.equal(null); // same viewer: the one vote is spent
  });

  it('leaves no subscriptions behind over 50 mount/unmount cycles', async () => {
    const memory = testRoom([pollsFeature], { room: 'leaks' });
    memory.ops('poll.create', { poll: single, open: true });
    const room = createRoom({ room: memory.room, transport: memory.transport() });
    const channel = room.channel!;
    // nanostores counts listeners in `lc`; every poll store must let go of the channel again.
    const listeners = () =>
      [channel.$state, channel.$viewer, channel.$status].map(
        (store) => (store as unknown as { lc: number }).lc,
      );
    const before = listeners();
    for (let i = 0; i < 50; i++) {
      const el = document.createElement('onair-poll');
      el.room = room;
      document.body.append(el);
      await el.updateComplete;
      el.remove();
    }
    // Derived stores let go of their sources 1 s after their last listener leaves (two layers here).
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(listeners()).to.deep.equal(before);
    expect(document.querySelectorAll('onair-poll').length).to.equal(0);
  });
});
