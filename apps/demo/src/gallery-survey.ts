/** Builds every question type and state of `<onair-survey>` on in-page rooms: no server needed. */
import 'onair/onair-survey.js';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { type SurveyInput, surveysFeature } from '@onair/surveys/model.js';
import { type Caption, prefs, show, stage } from './gallery.js';

const zh = prefs.lang === 'zh-CN';
const l = (en: string, cn: string) => (zh ? cn : en);

type QuestionInput = NonNullable<SurveyInput['questions']>[number];

interface Variant {
  caption: Caption;
  /** The survey, or its questions (one page). */
  survey: SurveyInput | QuestionInput[];
  /** Other viewers' responses before the viewer sees it. */
  crowd?: Record<string, unknown>[];
  /** The viewer's own response, sent before showing. */
  mine?: Record<string, unknown>;
  results?: boolean;
  close?: boolean;
  /** What the viewer does once it shows: clicks and typing in the survey. */
  play?: (root: ShadowRoot) => void | Promise<void>;
  /** Config given to the element itself (static mode), possibly invalid. */
  staticConfig?: unknown;
  /** The whole row (the inline survey); otherwise a phone-sized space (a bar and a sheet). */
  wide?: boolean;
  onStage?: boolean;
}

const title = l('Tonight’s stream', '今晚的直播');
const drink: QuestionInput = {
  id: 'drink',
  type: 'single',
  title: l('Tea or coffee while you watch?', '看直播时喝茶还是咖啡？'),
  choices: [
    { value: 'tea', label: l('Tea', '茶') },
    { value: 'coffee', label: l('Coffee', '咖啡') },
  ],
  other: true,
  required: true,
};
const categories: QuestionInput = {
  id: 'next',
  type: 'multiple',
  title: l('What should we sell next stream?', '下一场想看哪些品类？'),
  description: l('Pick the ones you would buy.', '选你会买的。'),
  choices: [
    { value: 'beauty', label: l('Beauty', '美妆') },
    { value: 'snacks', label: l('Snacks', '零食') },
    { value: 'gadgets', label: l('Gadgets', '数码') },
    { value: 'home', label: l('Home', '家居') },
  ],
  minSelected: 1,
  maxSelected: 2,
};
const city: QuestionInput = {
  id: 'city',
  type: 'dropdown',
  title: l('Where do you watch from?', '你在哪个城市观看？'),
  choices: [
    { value: 'sh', label: l('Shanghai', '上海') },
    { value: 'bj', label: l('Beijing', '北京') },
    { value: 'gz', label: l('Guangzhou', '广州') },
  ],
  other: true,
};
const again: QuestionInput = {
  id: 'again',
  type: 'yesno',
  title: l('Will you watch again on Friday?', '周五还会来看吗？'),
};
const rating: QuestionInput = {
  id: 'rate',
  type: 'rating',
  title: l('How was tonight’s host?', '今晚主播表现如何？'),
  minLabel: l('Poor', '一般'),
  maxLabel: l('Great', '很棒'),
};
const stars: QuestionInput = {
  id: 'stars',
  type: 'rating',
  title: l('Rate the lipstick', '给这支口红打分'),
  stars: true,
};
const nps: QuestionInput = {
  id: 'nps',
  type: 'rating',
  title: l('How likely are you to recommend this room to a friend?', '你有多大可能把直播间推荐给朋友？'),
  min: 0,
  max: 10,
  minLabel: l('Not likely', '不太可能'),
  maxLabel: l('Very likely', '非常可能'),
};
const email: QuestionInput = {
  id: 'email',
  type: 'text',
  input: 'email',
  title: l('Email for the lucky draw', '抽奖联系邮箱'),
  placeholder: 'name@example.com',
};
const age: QuestionInput = {
  id: 'age',
  type: 'text',
  input: 'number',
  title: l('Your age', '你的年龄'),
  min: 12,
  max: 99,
};
const wish: QuestionInput = {
  id: 'wish',
  type: 'longtext',
  title: l('Anything you want to tell the host?', '想对主播说些什么？'),
  maxLength: 200,
};
const order: QuestionInput = {
  id: 'order',
  type: 'ranking',
  title: l('Order these by how much you want them', '按你的喜好排序'),
  choices: [
    { value: 'coupon', label: l('Coupon', '优惠券') },
    { value: 'gift', label: l('Free gift', '赠品') },
    { value: 'draw', label: l('Lucky draw', '抽奖') },
  ],
};
const info: QuestionInput = {
  id: 'note',
  type: 'info',
  title: l(
    'Three quick questions — about a minute. Your answers stay anonymous.',
    '三道小题，约一分钟。答卷匿名。',
  ),
};

/** Three pages; the second shows only to tea drinkers. */
const branching: SurveyInput = {
  id: 'branch',
  title,
  pages: [
    { questions: [info, drink] },
    {
      title: l('For tea drinkers', '给爱喝茶的你'),
      visibleIf: "{drink} = 'tea'",
      questions: [
        {
          id: 'leaf',
          type: 'single',
          title: l('Which tea?', '哪种茶？'),
          choices: ['Longjing', 'Pu’er', 'Oolong'],
        },
      ],
    },
    { questions: [rating, wish] },
  ],
};

const click = (root: ShadowRoot, selector: string) => root.querySelector<HTMLElement>(selector)?.click();
const type = (root: ShadowRoot, selector: string, text: string) => {
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!field) return;
  field.value = text;
  field.dispatchEvent(new Event('input'));
  field.dispatchEvent(new Event('change'));
};

const list: Variant[] = [
  { caption: { en: 'Single choice with “Other”', zh: '单选 · 含“其他”' }, survey: [drink], wide: true },
  {
    caption: { en: '“Other” picked: its text field opens', zh: '选择“其他”：出现填写框' },
    survey: [drink],
    play: (root) => {
      click(root, 'input[value="other"]');
      setTimeout(() => type(root, 'input.other', l('Bubble tea', '奶茶')), 100);
    },
    wide: true,
  },
  { caption: { en: 'Multiple choice, 1–2 picks', zh: '多选 · 选 1–2 项' }, survey: [categories], wide: true },
  { caption: { en: 'Dropdown', zh: '下拉选择' }, survey: [city], wide: true },
  { caption: { en: 'Yes / no', zh: '是 / 否' }, survey: [again], wide: true },
  {
    caption: { en: 'Rating 1–5 with end labels', zh: '评分 1–5 · 两端说明' },
    survey: [rating],
    play: (r) => click(r, 'input[value="4"]'),
    wide: true,
  },
  {
    caption: { en: 'Stars', zh: '星级评分' },
    survey: [stars],
    play: (r) => click(r, 'input[value="3"]'),
    wide: true,
  },
  { caption: { en: 'NPS 0–10', zh: '推荐度 NPS 0–10' }, survey: [nps], wide: true },
  {
    caption: { en: 'Short text: email and a number', zh: '短文本：邮箱和数字' },
    survey: [email, age],
    wide: true,
  },
  {
    caption: { en: 'Long text with a character count', zh: '长文本 · 字数统计' },
    survey: [wish],
    play: (r) => type(r, 'textarea', l('More snacks please!', '多来点零食！')),
    wide: true,
  },
  {
    caption: { en: 'Ranking: drag or use the arrows', zh: '排序：拖动或用箭头' },
    survey: [order],
    wide: true,
  },
  { caption: { en: 'Text block and a question', zh: '说明文字和题目' }, survey: [info, again], wide: true },
  {
    caption: { en: 'Three pages with a branch: tea opens page 2', zh: '三页 · 分支：选茶会出现第 2 页' },
    survey: branching,
    play: async (root) => {
      click(root, 'input[value="tea"]');
      await new Promise((resolve) => setTimeout(resolve, 100));
      click(root, '[part~="next"]');
    },
    wide: true,
  },
  {
    caption: {
      en: 'Required answers missing: errors under each question',
      zh: '必答题未答：题目下方提示错误',
    },
    survey: [drink, { ...categories, required: true }],
    play: (root) => click(root, '[part~="next"]'),
    wide: true,
  },
  {
    caption: { en: 'Submitted, live results shown by ops', zh: '已提交 · 运营公开实时结果' },
    survey: [drink, rating, categories],
    crowd: [
      { drink: 'tea', rate: 5, next: ['beauty'] },
      { drink: 'coffee', rate: 4, next: ['snacks', 'gadgets'] },
      { drink: 'tea', rate: 3, next: ['beauty', 'home'] },
    ],
    mine: { drink: 'tea', rate: 4, next: ['beauty'] },
    results: true,
    wide: true,
  },
  {
    caption: { en: 'Submitted: the completion message', zh: '已提交：结束语' },
    survey: {
      id: 'thanks',
      title,
      completion: l('Thank you! The lucky draw starts at 21:00.', '谢谢参与！21:00 开始抽奖。'),
      questions: [again],
    },
    mine: { again: true },
    wide: true,
  },
  {
    caption: { en: 'Closed by ops before the viewer answered', zh: '运营已结束问卷（未作答）' },
    survey: [again],
    close: true,
    wide: true,
  },
  {
    caption: { en: 'Time limit: closes in 10 minutes', zh: '限时：10 分钟后截止' },
    survey: { id: 'timed', title, timeLimitMs: 600_000, questions: [stars] },
    wide: true,
  },
  {
    caption: {
      en: 'Phone: a bar that opens the survey in a bottom sheet',
      zh: '手机：横条，点击后在底部弹层中填写',
    },
    survey: branching,
  },
  {
    caption: { en: 'On the stream, submitted with results', zh: '直播画面上 · 已提交 · 显示结果' },
    survey: [drink],
    crowd: [{ drink: 'coffee' }],
    mine: { drink: 'tea' },
    results: true,
    onStage: true,
  },
  {
    caption: { en: 'Static config (no room)', zh: '静态配置（无直播间）' },
    survey: [],
    staticConfig: { id: 'static', title: l('Quick question', '快速提问'), questions: [again] },
    wide: true,
  },
  {
    caption: { en: 'Invalid config: the error inside the widget', zh: '无效配置：错误显示在组件内' },
    survey: [],
    staticConfig: {
      id: 'bad',
      title: '',
      questions: [{ id: 'q', type: 'single', title: 'Q', choices: ['a'], visibleIf: '{nope} = 1' }],
    },
    wide: true,
  },
];

let n = 0;
for (const variant of list) {
  const el = document.createElement('onair-survey');
  el.theme = prefs.theme;
  if (variant.staticConfig) el.config = variant.staticConfig;
  else {
    const survey: SurveyInput = Array.isArray(variant.survey)
      ? { id: `s${++n}`, title, questions: variant.survey }
      : variant.survey;
    const local = createLocalRoom({ room: `gallery-survey-${++n}`, features: [surveysFeature] });
    local.command('survey.create', { survey, open: true });
    if (variant.results) local.command('survey.results', { survey: survey.id, show: true });
    const sends = (variant.crowd ?? []).map((answers) => {
      const viewer = local.connect();
      return viewer.act('survey.submit', { survey: survey.id, answers }).finally(() => viewer.close());
    });
    el.room = createRoom({ room: local.room, channel: local.connect(), theme: prefs.theme });
    if (variant.mine)
      sends.push(el.room.channel!.act('survey.submit', { survey: survey.id, answers: variant.mine }));
    if (variant.close)
      void Promise.allSettled(sends).then(() => local.command('survey.close', { survey: survey.id }));
  }
  const play = variant.play;
  if (play)
    void el.updateComplete.then(async () => {
      for (let tries = 0; tries < 50 && !el.shadowRoot?.querySelector('[part~="question"]'); tries++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await play(el.shadowRoot!);
    });
  if (variant.onStage) {
    el.classList.add('overlay-card');
    show(variant.caption, stage(el));
  } else show(variant.caption, el, { wide: !!variant.wide });
}
