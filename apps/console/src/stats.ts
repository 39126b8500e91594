/** The parts of the Stats API's document the dashboard draws (packages/server/STATS.md). */
export interface Interval {
  low: number;
  high: number;
}

export interface StatsDocument {
  room: string;
  from: number;
  to: number;
  viewers: number;
  participants: number;
  participationRate: number | null;
  participantsEstimated: boolean;
  participationMinutes: { minute: number; viewers: number; participants: number }[];
  surveys: {
    surveys: {
      survey: string;
      starters: number;
      submitters: number;
      completion: number | null;
      questions: { question: string; answered: number; dropOff: number }[];
    }[];
  };
  products: {
    products: {
      product: string;
      impressed: number;
      clickers: number;
      ctr: number | null;
      windows: {
        pinnedAt: number;
        lastSeenAt: number;
        impressed: number;
        clickers: number;
        ctr: number | null;
      }[];
    }[];
  };
  funnel: {
    steps: { step: string; viewers: number; conversion: number | null; leak: number | null }[];
    estimated: boolean;
  };
  gifts: {
    series: {
      currency: string;
      count: number;
      value: number;
      minutes: { minute: number; count: number; value: number }[];
      threshold: number;
      peaks: {
        minute: number;
        count: number;
        value: number;
        live: {
          pinnedProducts: string[];
          polls: string[];
          surveys: string[];
          games: string[];
          campaignItems: string[];
        };
      }[];
    }[];
  };
  dwell: { viewers: number; meanMs: number | null; medianMs: number | null };
  returning: { days7: { viewers: number; share: number | null } };
  chat: { messages: number; keywords: { word: string; count: number }[] };
  experiments: {
    goal: string;
    experiments: {
      experiment: string;
      control: string;
      variations: {
        variation: string;
        exposed: number;
        converted: number;
        rate: number | null;
        interval: Interval | null;
        difference: { value: number; interval: Interval } | null;
      }[];
      srm: { p: number } | null;
    }[];
  };
}

export const MINUTE = 60_000;
