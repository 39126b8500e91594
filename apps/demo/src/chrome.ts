/**
 * The demo's page chrome (the room and every gallery page): its words in English and Chinese, its
 * theme, and the two switches that change them. Widgets get the same language (`lang`) and theme;
 * the page follows along (`data-theme` on <html>), so a switch re-themes everything at once.
 * `?lang=zh-CN&theme=light` in the address picks them (screenshots and layout tests use that).
 */
export const LANGS = ['en', 'zh-CN'] as const;
export const THEMES = ['dark', 'light'] as const;
export type Lang = (typeof LANGS)[number];
export type PageTheme = (typeof THEMES)[number];

const EN = {
  roomTitle: 'Onair demo — live room',
  tagline: 'demo live room',
  gallery: 'Gallery',
  room: 'Live room',
  language: 'Language',
  theme: 'Theme',
  dark: 'Dark',
  light: 'Light',
  stage: 'Live stream',
  live: 'LIVE',
  host: 'Friday brand day',
  gifts: 'Gifts',
  chat: 'Chat',
  ops: 'Ops controls',
  opsShort: 'Ops',
  polls: 'Polls',
  commerce: 'Products',
  crowd: 'Simulated crowd',
  openSingle: 'Open single-choice poll',
  openMultiple: 'Open multiple-choice poll',
  openRating: 'Open rating',
  openQuiz: 'Open quiz (30 s)',
  closePoll: 'Close poll',
  seedProducts: 'Load demo products',
  pinLipstick: 'Pin lipstick',
  pinSerum: 'Pin serum',
  pinScarf: 'Pin scarf',
  unpinLipstick: 'Unpin lipstick',
  sellLipstick: 'Sell 1 lipstick (stock −1)',
  loadGifts: 'Load gift catalog',
  telemetry: 'Telemetry events',
  offline: 'offline demo',
  done: 'Done',
  failed: 'failed',
  seeding: 'Setting up a lively room…',
  seeded: 'Room ready: a poll, a pinned product and gifts from the crowd',
  status_idle: 'idle',
  status_connecting: 'connecting',
  status_live: 'live',
  status_reconnecting: 'reconnecting',
  status_closed: 'closed',
  back: '← Gallery',
  toRoom: '← Back to the live room',
  states: 'States',
  usage: 'Usage',
  api: 'API',
  reference: 'Reference',
  galleryTitle: 'Onair component gallery',
  galleryIntro:
    'Each page shows one element in every state, in the language and theme picked above, and doubles as its manual.',
  pollPage: 'live poll, rating and quiz',
  commercePage: 'live commerce: pinned product, cart intents, the bag',
  giftsPage: 'gifts with combos, live gift feed, big-gift effects',
  surveyPage: 'in-stream questionnaires with pages, branches and live results',
  surveyIntro:
    'An in-stream questionnaire: pages of questions with conditions, progress, back and next. Answers are kept across a reload until submitted, and a response is sent once. Given less than 400 px it is a bar that opens the survey in a bottom sheet. Inside an <onair-room> it shows the survey ops opened; with a config it runs on its own.',
  quizPage: 'live quiz timed by the server, with a leaderboard',
  drawPage: 'lucky draw that anyone can verify',
  drawIntro:
    'A lucky draw (福袋) anyone can verify: the prize, the conditions with what the viewer still has to do, the entrants live and the countdown on the server’s clock; then the result and the winners. The server commits to its random seed before entries open and reveals it at the draw; “Verify” recomputes the winners in the browser (packages/games/FAIRNESS.md).',
  slotPage: 'where a live campaign places its widgets, with A/B variations',
  slotIntro:
    'A place on the page that a live campaign fills: each <onair-slot name> shows the widget the campaign’s current item puts there (a poll, a pinned product…), configured by the item, entering and leaving with a short transition (none under reduced motion). With an experiment, the viewer sees the variation the server assigned them. When the campaign places nothing, the slot shows its own children.',
  rainPage: 'red-packet rain the server splits and pays',
  rainIntro:
    'A red-packet rain (红包雨) run by ops: a countdown, then packets fall for the viewer to tap; each opens on what the server gave, first come, first served, from a budget split in advance, and the rain ends with the viewer’s total and the room’s top grabbers. Coins go to the viewer’s gift wallet, with a row in its ledger.',
  pollIntro:
    'A live poll: single or multiple choice, rating (1–5 or 0–10) or quiz. Inside an <onair-room> it shows the poll ops opened and updates live; with a config it runs on its own, counting votes in the page.',
  commerceIntro:
    'Live commerce. The card shows a room product, or the product pinned “now explaining”, with price, discount, stock, flash-sale countdown and sold-out state; narrow, it is the compact overlay card of live rooms. The bag lists every product in a bottom sheet, pinned first, searchable. Add to cart and buy now are intents the host answers: the host owns the cart.',
  giftsIntro:
    'Gifts: the panel sends gifts with combos and charges each send once, whatever the retries; narrow, it is a gift button and a bottom sheet. The feed shows the room’s gifts with growing combo counters and totals; big gifts play across the stage.',
  quizIntro:
    'A live quiz run by ops: each question counts down on the server’s clock, a viewer answers with one tap, then sees the answer, how the room answered, their points, streak and rank, and the leaderboard. The server times every answer, less the connection’s own round trip (at most 250 ms): a wrong device clock or a slow network neither helps nor hurts.',
  refuse: 'The host cart refuses (answers { ok: false, message })',
};
type Key = keyof typeof EN;
type Words = Record<Key, string>;

const WORDS: Record<Lang, Words> = {
  en: EN,
  'zh-CN': {
    roomTitle: 'Onair 演示 — 直播间',
    tagline: '演示直播间',
    gallery: '组件示例',
    room: '直播间',
    language: '语言',
    theme: '主题',
    dark: '深色',
    light: '浅色',
    stage: '直播画面',
    live: '直播中',
    host: '周五品牌日',
    gifts: '礼物',
    chat: '聊天',
    ops: '运营操作',
    opsShort: '运营',
    polls: '投票',
    commerce: '商品',
    crowd: '模拟观众',
    openSingle: '发起单选投票',
    openMultiple: '发起多选投票',
    openRating: '发起评分',
    openQuiz: '发起答题（30 秒）',
    closePoll: '结束投票',
    seedProducts: '载入演示商品',
    pinLipstick: '讲解唇膏',
    pinSerum: '讲解精华',
    pinScarf: '讲解方巾',
    unpinLipstick: '取消讲解唇膏',
    sellLipstick: '售出 1 支唇膏（库存 −1）',
    loadGifts: '载入礼物',
    telemetry: '埋点事件',
    offline: '离线演示',
    done: '完成',
    failed: '失败',
    seeding: '正在布置直播间…',
    seeded: '直播间已就绪：投票、讲解商品和观众礼物',
    status_idle: '未连接',
    status_connecting: '连接中',
    status_live: '已连接',
    status_reconnecting: '重新连接中',
    status_closed: '已关闭',
    back: '← 组件示例',
    toRoom: '← 返回直播间',
    states: '状态',
    usage: '用法',
    api: '接口',
    reference: '参考',
    galleryTitle: 'Onair 组件示例',
    galleryIntro: '每页展示一个组件的所有状态，使用上方选择的语言和主题，同时也是它的使用手册。',
    pollPage: '实时投票、评分和答题',
    commercePage: '直播带货：讲解商品、购物车意图、购物袋',
    giftsPage: '连击送礼、礼物动态、大礼物特效',
    surveyPage: '直播间问卷：分页、分支与实时结果',
    surveyIntro:
      '直播间问卷：分页题目、条件显示、进度、上一页和下一页。提交前刷新页面答案不丢失，每份答卷只提交一次。宽度不足 400 px 时是一个横条，点击后在底部弹层中填写。放在 <onair-room> 中时显示运营发起的问卷；设置 config 时独立运行。',
    quizPage: '服务器计时的直播答题和排行榜',
    drawPage: '人人可验证的福袋抽奖',
    drawIntro:
      '人人可验证的福袋抽奖：奖品、参与条件及还需完成的条件、实时参与人数和按服务器时间的倒计时；随后是抽奖结果和中奖名单。服务器在开放参与前公布随机种子的承诺值，开奖时公开种子；“验证抽奖”在浏览器中重新计算中奖名单（见 packages/games/FAIRNESS.md）。',
    slotPage: '直播活动放置组件的位置，支持 A/B 版本',
    slotIntro:
      '页面上由直播活动填充的位置：每个 <onair-slot name> 显示活动当前条目放在这里的组件（投票、讲解商品…），按条目配置，进出场有简短过渡（减少动态效果时无过渡）。有实验时，观众看到服务器分配给自己的版本。活动未放置内容时，显示位置自身的子元素。',
    rainPage: '服务器拆分和发放的红包雨',
    rainIntro:
      '运营发起的红包雨：先倒计时，然后红包落下，观众点击即可拆开；金额由服务器给出，先到先得，预算事先拆好；结束时显示你抢到的总额和全场手气榜。金币直接进入观众的礼物钱包，并记入账本。',
    pollIntro:
      '实时投票：单选、多选、评分（1–5 或 0–10）或答题。放在 <onair-room> 中时显示运营发起的投票并实时更新；设置 config 时独立运行，在页面内计票。',
    commerceIntro:
      '直播带货。商品卡片显示直播间商品或“讲解中”的商品：价格、折扣、库存、限时秒杀倒计时和售罄状态；空间窄时是直播间的讲解卡片。购物袋在底部弹层中列出全部商品，讲解中的在前，可搜索。加入购物车和立即购买是由宿主页面处理的意图：购物车属于宿主。',
    giftsIntro:
      '礼物：面板支持连击送礼，无论重试多少次每次只扣费一次；空间窄时是一个礼物按钮和底部弹层。礼物动态显示直播间的礼物、连击计数和总计；大礼物会在画面上播放特效。',
    quizIntro:
      '运营驱动的直播答题：每道题按服务器时间倒计时，观众点选即作答，随后看到正确答案、全场的选择分布、自己的得分、连对和排名，以及排行榜。每个答案都由服务器计时，并扣除该连接自身的往返延迟（最多 250 毫秒）：设备时间不准或网络慢都不会占便宜或吃亏。',
    refuse: '宿主购物车拒绝（返回 { ok: false, message }）',
  },
};

export function words(lang: Lang): Words {
  return WORDS[lang];
}

/** The language and theme: `?lang=` / `?theme=`, else what the viewer picked last, else defaults. */
export function pagePrefs(): { lang: Lang; theme: PageTheme } {
  const params = new URLSearchParams(location.search);
  const stored = (key: string) => {
    try {
      return localStorage.getItem(`onair-demo-${key}`);
    } catch {
      return null;
    }
  };
  const lang = params.get('lang') ?? stored('lang') ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  const theme = params.get('theme') ?? stored('theme') ?? 'dark';
  return {
    lang: (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : 'en',
    theme: (THEMES as readonly string[]).includes(theme) ? (theme as PageTheme) : 'dark',
  };
}

/** Puts the page in `lang` and `theme`: <html lang>, data-theme, and every [data-i18n] text. */
export function applyChrome(lang: Lang, theme: PageTheme): void {
  const w = WORDS[lang];
  document.documentElement.lang = lang;
  document.documentElement.dataset.theme = theme;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = lookup(w, el.dataset.i18n);
    if (text !== undefined) el.textContent = text;
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const text = lookup(w, el.dataset.i18nLabel);
    if (text !== undefined) el.setAttribute('aria-label', text);
  }
  const title = lookup(w, document.querySelector<HTMLElement>('[data-i18n-title]')?.dataset.i18nTitle);
  if (title) document.title = title;
}

/** A word by a key read from the page (own keys only). */
export function lookup(w: Words, key: string | undefined): string | undefined {
  return key && Object.hasOwn(w, key) ? w[key as Key] : undefined;
}

/**
 * Wires the language and theme switches (`#lang`, `#theme`): the chrome changes at once, the
 * choice is remembered, and `onChange` updates the widgets.
 */
export function bindSwitches(onChange: (lang: Lang, theme: PageTheme) => void): {
  lang: Lang;
  theme: PageTheme;
} {
  const prefs = pagePrefs();
  const langSelect = document.querySelector<HTMLSelectElement>('#lang');
  const themeSelect = document.querySelector<HTMLSelectElement>('#theme');
  if (langSelect) langSelect.value = prefs.lang;
  if (themeSelect) themeSelect.value = prefs.theme;
  const apply = () => {
    const lang = (langSelect?.value ?? prefs.lang) as Lang;
    const theme = (themeSelect?.value ?? prefs.theme) as PageTheme;
    try {
      localStorage.setItem('onair-demo-lang', lang);
      localStorage.setItem('onair-demo-theme', theme);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    applyChrome(lang, theme);
    onChange(lang, theme);
  };
  langSelect?.addEventListener('change', apply);
  themeSelect?.addEventListener('change', apply);
  applyChrome(prefs.lang, prefs.theme);
  return prefs;
}
