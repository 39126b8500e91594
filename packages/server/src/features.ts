/** The live features the reference server runs, each defined once in its widget package. */
import { campaignFeature } from '@onair/campaign/model.js';
import { productsFeature } from '@onair/commerce/model.js';
import type { AnyFeature } from '@onair/core/feature.js';
import { drawFeature, hostFactsFeature, quizFeature, rainFeature } from '@onair/games/model.js';
import { type GiftFeatureOptions, giftsFeature } from '@onair/gifts/model.js';
import { pollsFeature } from '@onair/polls/model.js';
import { surveysFeature } from '@onair/surveys/model.js';

export interface FeatureOptions {
  gifts: GiftFeatureOptions;
}

export function serverFeatures(options: FeatureOptions): AnyFeature[] {
  return [
    pollsFeature,
    giftsFeature(options.gifts),
    productsFeature,
    surveysFeature,
    quizFeature,
    hostFactsFeature,
    drawFeature,
    // A coins rain credits the gift wallet: it must start where the gift feature's does.
    rainFeature({ startingBalance: options.gifts.startingBalance }),
    campaignFeature,
  ];
}
