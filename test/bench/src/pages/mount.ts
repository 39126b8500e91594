// 100 mixed widgets mounted into the page, then removed: every registered element, round robin;
// polls alternate between a live room (one shared channel) and a static config.
import 'onair';
import { livePoll, painted, QUESTION } from './harness.js';

const live = livePoll();
let host: HTMLElement | null = null;

function widget(tag: string, i: number): HTMLElement {
  const el = document.createElement(tag);
  if (tag === 'onair-poll') {
    if (i % 2) Object.assign(el, { room: live.context });
    else
      Object.assign(el, {
        config: {
          id: `s${i}`,
          question: QUESTION,
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
        },
      });
  } else if (tag === 'onair-room') {
    el.setAttribute('room', `bench-${i}`);
  }
  return el;
}

async function mount(count: number, tags: string[]) {
  const start = performance.now();
  host = document.createElement('div');
  for (let i = 0; i < count; i++) host.append(widget(tags[i % tags.length]!, i));
  document.body.append(host);
  const children = [...host.children] as Array<HTMLElement & { updateComplete?: Promise<unknown> }>;
  await Promise.all(children.map((el) => el.updateComplete));
  await painted();
  return { ms: performance.now() - start, elements: document.querySelectorAll('*').length };
}

async function unmount() {
  const start = performance.now();
  host?.remove();
  host = null;
  await painted();
  return { ms: performance.now() - start };
}

window.bench = { mount, unmount };
