import type { PollConfigInput } from '@onair/polls/model.js';

/**
 * Polls the demo's ops buttons open, in the page's language — or in both (`lang: 'both'`), as
 * the seeded room's poll is, since viewers of one room may read either.
 */
export function pollPreset(kind: string, lang: string): PollConfigInput {
  if (lang === 'both') return bilingual(kind);
  const zh = lang === 'zh-CN';
  const id = `${kind}-${Date.now().toString(36)}`;
  switch (kind) {
    case 'multiple':
      return {
        id,
        kind: 'multiple',
        maxSelections: 2,
        question: zh ? '下一场直播想看哪些品类？（最多选 2 项）' : 'Which categories next stream? (pick 2)',
        options: [
          { id: 'beauty', label: zh ? '美妆' : 'Beauty' },
          { id: 'snacks', label: zh ? '零食' : 'Snacks' },
          { id: 'digital', label: zh ? '数码' : 'Gadgets' },
          { id: 'home', label: zh ? '家居' : 'Home' },
        ],
      };
    case 'rating':
      return {
        id,
        kind: 'rating',
        scale: '1-5',
        question: zh ? '给今天的直播打个分吧' : 'Rate today’s stream',
      };
    case 'quiz':
      return {
        id,
        question: zh ? '这款保温杯能保温多久？' : 'How long does this flask keep drinks hot?',
        options: [
          { id: 'a', label: zh ? '6 小时' : '6 hours' },
          { id: 'b', label: zh ? '12 小时' : '12 hours' },
          { id: 'c', label: zh ? '24 小时' : '24 hours' },
        ],
        correct: ['b'],
        results: 'after-close',
        durationMs: 30_000,
      };
    default:
      return {
        id,
        question: zh ? '今晚的福利你最想要哪个？' : 'Which deal do you want tonight?',
        options: [
          { id: 'coupon', label: zh ? '满减券' : 'Coupon' },
          { id: 'gift', label: zh ? '赠品' : 'Free gift' },
          { id: 'draw', label: zh ? '抽奖' : 'Lucky draw' },
        ],
        results: 'after-vote',
        allowChange: true,
      };
  }
}

function bilingual(kind: string): PollConfigInput {
  const [en, zh] = [pollPreset(kind, 'en'), pollPreset(kind, 'zh-CN')];
  const both = (a: string, b: string) => `${a} ${b}`.slice(0, 120);
  return {
    ...en,
    question: both(en.question, zh.question),
    ...(en.options
      ? {
          options: en.options.map((o, i) => ({
            id: o.id,
            label: both(o.label, zh.options?.[i]?.label ?? '').slice(0, 40),
          })),
        }
      : {}),
  };
}
