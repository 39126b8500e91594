/**
 * Gifts per minute from `gift.send` (`value`: minor units, `currency`): per epoch minute, the
 * sends (`count`) and their `value`, one series per currency (values in different currencies are
 * never added). `peaks` are the minutes whose value exceeds median + 3 × max(MAD, 1), the median
 * and MAD taken over every minute of the range (minutes without gifts count as 0), each annotated
 * with what was live then. At most `MAX_CURRENCIES` series (largest value first).
 */
import { minuteOf, numberProp, type Section, Tally, textProp, top } from './event.js';
import type { LiveAt } from './live.js';
import { mad, median } from './math.js';

export const MAX_CURRENCIES = 10;
/** A send worth more than this (minor units) is not a gift a panel sends; it is left out. */
export const MAX_SEND_VALUE = 1e12;

export interface GiftMinute {
  minute: number;
  count: number;
  value: number;
}

export interface GiftSeries {
  currency: string;
  count: number;
  value: number;
  minutes: GiftMinute[];
  threshold: number;
  peaks: (GiftMinute & { live: LiveAt & { pinnedProducts: string[] } })[];
  estimated: boolean;
}

export interface GiftsSection extends Section<{ series: GiftSeries[]; seriesLeftOut: number }> {}

export function gifts(
  range: { from: number; to: number },
  liveAt: (minute: number) => LiveAt & { pinnedProducts: string[] },
): GiftsSection {
  const byCurrency = new Map<string, Map<number, { count: Tally; value: Tally }>>();
  return {
    types: ['gift.send'],
    add(e) {
      const value = numberProp(e.props, 'value');
      const currency = textProp(e.props, 'currency', 16) ?? 'unknown';
      if (value === null || value < 0 || value > MAX_SEND_VALUE) return;
      let minutes = byCurrency.get(currency);
      if (!minutes) {
        minutes = new Map();
        byCurrency.set(currency, minutes);
      }
      const minute = minuteOf(e.ts);
      let m = minutes.get(minute);
      if (!m) {
        m = { count: new Tally(), value: new Tally() };
        minutes.set(minute, m);
      }
      m.count.add(e.rate);
      m.value.add(e.rate, value);
    },
    result() {
      const first = minuteOf(range.from);
      const span = minuteOf(range.to) - first;
      const total = (minutes: Map<number, { value: Tally }>) => {
        let sum = 0;
        for (const m of minutes.values()) sum += m.value.value;
        return sum;
      };
      const { kept, leftOut } = top(byCurrency, total, MAX_CURRENCIES);
      return {
        series: kept.map(([currency, byMinute]) => {
          const minutes = [...byMinute]
            .sort(([a], [b]) => a - b)
            .map(([minute, m]) => ({ minute, count: m.count.value, value: m.value.value }));
          const values = new Array<number>(span).fill(0);
          for (const m of minutes) values[m.minute - first] = m.value;
          const threshold = median(values) + 3 * Math.max(mad(values), 1);
          let estimated = false;
          for (const m of byMinute.values()) if (m.count.estimated) estimated = true;
          return {
            currency,
            count: minutes.reduce((a, m) => a + m.count, 0),
            value: minutes.reduce((a, m) => a + m.value, 0),
            minutes,
            threshold,
            peaks: minutes.filter((m) => m.value > threshold).map((m) => ({ ...m, live: liveAt(m.minute) })),
            estimated,
          };
        }),
        seriesLeftOut: leftOut,
      };
    },
  };
}
