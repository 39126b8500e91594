/**
 * Poll results from `poll.vote` (`poll`, `choice`: the option ids picked): votes, distinct voters
 * and votes per option. At most `MAX_POLLS` polls (most voted first) and `MAX_OPTIONS` options each.
 */
import { type Section, Tally, textProp, top, ViewerSet } from './event.js';

export const MAX_POLLS = 100;
export const MAX_OPTIONS = 50;

interface PollTally {
  votes: Tally;
  voters: ViewerSet;
  options: Map<string, Tally>;
}

export interface PollResult {
  poll: string;
  votes: number;
  voters: number;
  options: { option: string; votes: number }[];
  optionsLeftOut: number;
  estimated: boolean;
}

export function polls(): Section<{ polls: PollResult[]; pollsLeftOut: number }> {
  const byPoll = new Map<string, PollTally>();
  return {
    types: ['poll.vote'],
    add(e) {
      const poll = textProp(e.props, 'poll');
      if (poll === null) return;
      let tally = byPoll.get(poll);
      if (!tally) {
        tally = { votes: new Tally(), voters: new ViewerSet(), options: new Map() };
        byPoll.set(poll, tally);
      }
      tally.votes.add(e.rate);
      tally.voters.add(e.viewer, e.rate);
      const choice = Object.hasOwn(e.props, 'choice') ? e.props['choice'] : undefined;
      // A handful of options per vote at most; a longer list is not a vote a widget sends.
      const picked = Array.isArray(choice) ? choice.slice(0, MAX_OPTIONS) : [choice];
      for (const option of new Set(picked)) {
        if (typeof option !== 'string' || option.length === 0 || option.length > 128) continue;
        let count = tally.options.get(option);
        if (!count) {
          count = new Tally();
          tally.options.set(option, count);
        }
        count.add(e.rate);
      }
    },
    result() {
      const { kept, leftOut } = top(byPoll, (t) => t.votes.value, MAX_POLLS);
      return {
        polls: kept.map(([poll, t]) => {
          const options = top(t.options, (o) => o.value, MAX_OPTIONS);
          return {
            poll,
            votes: t.votes.value,
            voters: t.voters.count,
            options: options.kept.map(([option, o]) => ({ option, votes: o.value })),
            optionsLeftOut: options.leftOut,
            estimated: t.votes.estimated,
          };
        }),
        pollsLeftOut: leftOut,
      };
    },
  };
}
