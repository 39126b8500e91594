/**
 * What was live at each minute, as the viewers' events show it, to annotate gift peaks: open polls
 * (a `poll.vote` for them), surveys (a `survey.*` event), running games (a `game.*` event with
 * `game`) and campaign items (the widget ids of events sent under a campaign). Pinned products
 * come from the products section's presentation windows. Each list holds at most `MAX_PER_MINUTE`.
 */
import { minuteOf, type StatsEvent, textProp } from './event.js';

export const MAX_PER_MINUTE = 20;
export const GAME_TYPES = ['game.join', 'game.answer'] as const;

export interface LiveAt {
  polls: string[];
  surveys: string[];
  games: string[];
  campaignItems: string[];
}

type Kind = keyof LiveAt;

export class LiveActivity {
  private readonly minutes = new Map<number, Record<Kind, Set<string>>>();

  /** Called with every event the stats read. */
  add(e: StatsEvent): void {
    const kind: Kind | null =
      e.type === 'poll.vote'
        ? 'polls'
        : e.type.startsWith('survey.')
          ? 'surveys'
          : e.type.startsWith('game.')
            ? 'games'
            : null;
    const key = kind === 'polls' ? 'poll' : kind === 'surveys' ? 'survey' : 'game';
    const id = kind === null ? null : textProp(e.props, key);
    if (kind !== null && id !== null) this.note(e.ts, kind, id);
    if (e.campaign !== null && e.widgetId !== null)
      this.note(e.ts, 'campaignItems', `${e.campaign}/${e.widgetId}`);
  }

  at(minute: number): LiveAt {
    const sets = this.minutes.get(minute);
    const list = (kind: Kind) => [...(sets?.[kind] ?? [])].sort();
    return {
      polls: list('polls'),
      surveys: list('surveys'),
      games: list('games'),
      campaignItems: list('campaignItems'),
    };
  }

  private note(ts: number, kind: Kind, id: string): void {
    const minute = minuteOf(ts);
    let sets = this.minutes.get(minute);
    if (!sets) {
      sets = { polls: new Set(), surveys: new Set(), games: new Set(), campaignItems: new Set() };
      this.minutes.set(minute, sets);
    }
    if (sets[kind].size < MAX_PER_MINUTE) sets[kind].add(id);
  }
}
