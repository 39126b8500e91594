/**
 * A viewer's own standing in each quiz, shared by every quiz widget on one channel. A standing
 * arrives with the snapshot (`mine.quizzes[quiz].standing`); after each new ranking is revealed a
 * player asks for theirs once (`quiz.standing`), since the ranking reaches everyone in one record
 * but each viewer's place is theirs alone. Viewers who never answered ask nothing.
 */
import { type Channel, mineRecord } from '@onair/core/element.js';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { MyQuizView, PublicQuiz, Standing } from '../model/quiz.js';

export interface StandingsStore {
  /**
   * By quiz id: the viewer's standing as of the ranking the quiz shows, or null (not ranked, or no
   * ranking shown). A quiz is left out while a player's place in it is still being asked for.
   */
  $standings: ReadableAtom<Readonly<Record<string, Standing | null>>>;
}

const shared = new WeakMap<Channel, StandingsStore>();

export function standingsOf(channel: Channel): StandingsStore {
  let store = shared.get(channel);
  if (!store) {
    store = createStandings(channel);
    shared.set(channel, store);
  }
  return store;
}

function createStandings(channel: Channel): StandingsStore {
  const $standings = atom<Readonly<Record<string, Standing | null>>>({});
  const pulled = new Map<string, Standing | null>();
  const asked = new Set<string>();
  let quizzes: Readonly<Record<string, PublicQuiz>> = {};

  const refresh = () => {
    const mine = channel.$viewer.get()?.mine;
    const next: Record<string, Standing | null> = {};
    for (const quiz of Object.values(quizzes)) {
      const own = mineRecord<MyQuizView>(mine, 'quizzes', quiz.id);
      const round = `${quiz.id}@${quiz.ranked}`;
      // undefined: not known yet; null: known to have no place in this ranking.
      const known = own?.standing?.after === quiz.ranked ? own.standing : pulled.get(round);
      if (known !== undefined || !own || quiz.ranked < 0) {
        next[quiz.id] = known ?? null;
        continue;
      }
      // A player without their place in the ranking shown asks for it, once per ranking.
      if (!asked.has(round)) {
        asked.add(round);
        channel.act<{ standing: Standing | null }>('quiz.standing', { quiz: quiz.id }).then(
          ({ result }) => {
            pulled.set(round, result.standing);
            refresh();
          },
          () => asked.delete(round), // the next change asks again
        );
      }
    }
    $standings.set(next);
  };

  onMount($standings, () => {
    const offViewer = channel.$viewer.listen(refresh);
    const offQuizzes = channel.collection<PublicQuiz>('quizzes').subscribe((value) => {
      quizzes = value;
      refresh();
    });
    return () => {
      offQuizzes();
      offViewer();
    };
  });
  return { $standings };
}
