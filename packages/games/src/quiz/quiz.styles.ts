import { css } from 'lit';
import { boardStyles } from '../shared/board.js';

/**
 * Phone first: full-width answer pills big enough for a thumb (48px), stacked so long Chinese
 * options wrap instead of shrinking; the countdown ring beside the question number; the height
 * bounded (`--onair-quiz-max-block-size`), the content scrolling inside. After the reveal each
 * option is filled by its share of answers, the right one green, a wrong pick red, always with a
 * mark in words too, never colour alone.
 */
export const quizStyles = [
  boardStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      max-block-size: var(--onair-quiz-max-block-size, min(36rem, 90dvh));
    }
    [part~='base'] {
      --_quiz: var(--onair-quiz-accent-color, var(--_accent));
      --_bar: var(--onair-quiz-bar-color, var(--_quiz));
      display: flex;
      flex-direction: column;
      gap: 10px;
      min-block-size: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
      /* A shade at an edge with more to scroll to: the covers scroll with the content, the shades do not. */
      --_shade: color-mix(in srgb, var(--_text) 30%, transparent);
      background:
        linear-gradient(var(--_surface) 40%, transparent) top / 100% 28px no-repeat local,
        linear-gradient(transparent, var(--_surface) 60%) bottom / 100% 28px no-repeat local,
        linear-gradient(var(--_shade), transparent) top / 100% 14px no-repeat scroll,
        linear-gradient(transparent, var(--_shade)) bottom / 100% 14px no-repeat scroll,
        var(--_surface);
    }
    h2,
    p {
      margin: 0;
    }
    [part~='title'] {
      font-size: 0.9em;
      font-weight: 650;
      color: var(--_muted);
    }
    [part~='header'] {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    [part~='meta'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      color: var(--_muted);
      font-size: 0.85em;
    }
    [part~='badge'] {
      padding: 0 0.6em;
      border-radius: 999px;
      font-weight: 650;
      color: var(--_text);
      background: var(--_track);
    }
    [part~='timer'] {
      position: relative;
      flex: none;
      display: grid;
      place-items: center;
      inline-size: 48px;
      block-size: 48px;
      font-size: 1.1em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    [part~='timer'] svg {
      position: absolute;
      inset: 0;
      inline-size: 100%;
      block-size: 100%;
      transform: rotate(-90deg);
    }
    circle {
      fill: none;
      stroke-width: 3.5;
    }
    .track {
      stroke: var(--_border);
    }
    .left {
      stroke: var(--_quiz);
      stroke-dasharray: 100;
      stroke-dashoffset: calc(100 - var(--_left, 1) * 100);
      stroke-linecap: round;
      transition: stroke-dashoffset 1s linear;
    }
    [part~='timer'][data-urgent] .left {
      stroke: var(--_danger);
    }
    [part~='timer'][data-urgent] {
      color: var(--_danger);
    }
    [part~='question'] {
      font-size: 1.15em;
      font-weight: 700;
      line-height: 1.35;
    }
    [part~='image'] {
      display: block;
      max-inline-size: 100%;
      max-block-size: min(24dvh, 9rem);
      margin-inline: auto;
      border-radius: calc(var(--_radius) * 0.66);
      object-fit: contain;
    }
    [part~='options'] {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='option'] {
      position: relative;
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: center;
      gap: 4px 10px;
      min-block-size: 48px;
      padding: 6px 14px 6px 6px;
      border: 1px solid var(--_border);
      border-radius: 999px;
      font: inherit;
      text-align: start;
      color: var(--_text);
      background: var(--_track);
    }
    button[part~='option'] {
      inline-size: 100%;
      cursor: pointer;
    }
    button[part~='option']:hover:not(:disabled) {
      border-color: var(--_quiz);
    }
    [part~='letter'] {
      display: grid;
      place-items: center;
      inline-size: 34px;
      block-size: 34px;
      border-radius: 50%;
      font-weight: 700;
      color: var(--_accent-text);
      background: var(--_quiz);
    }
    .label {
      font-weight: 600;
    }
    .marks {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0 8px;
      margin-inline-start: 6px;
    }
    .mark {
      font-size: 0.8em;
      font-weight: 650;
    }
    .mine {
      color: var(--_quiz);
    }
    .correct {
      color: var(--_success);
    }
    .wrong {
      color: var(--_danger);
    }
    /* The viewer's pick stays marked when the options lock (not greyed like the others). */
    [part~='base'] button[part~='option'][data-mine]:disabled {
      color: var(--_text);
      background: var(--_track);
      border: 2px solid var(--_quiz);
      cursor: default;
    }
    [part~='base'] button[part~='option']:disabled:not([data-mine]) [part~='letter'] {
      color: var(--_muted);
      background: var(--_border);
    }
    /* The label gets the whole width; the share and count sit at the end of the bar below it. */
    li[part~='option'] {
      grid-template-areas: 'letter label label' 'letter track count';
      border-radius: calc(var(--_radius) * 0.66);
      padding: 6px 12px 6px 6px;
    }
    li[part~='option'] [part~='letter'] {
      grid-area: letter;
    }
    li[part~='option'] .label {
      grid-area: label;
    }
    li[part~='option'][data-correct] {
      border: 2px solid var(--_success);
    }
    li[part~='option'][data-wrong] {
      border: 2px solid var(--_danger);
    }
    li[part~='option'] [part~='letter'] {
      color: var(--_text);
      background: var(--_border);
    }
    li[part~='option'][data-correct] [part~='letter'] {
      background: var(--_success);
      color: var(--_surface);
    }
    [part~='count'] {
      grid-area: count;
      font-size: 0.85em;
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
      white-space: nowrap;
    }
    [part~='track'] {
      grid-area: track;
      align-self: center;
      block-size: 6px;
      border-radius: 3px;
      background: var(--_border);
      overflow: hidden;
    }
    [part~='bar'] {
      display: block;
      block-size: 100%;
      background: var(--_muted);
      transform-origin: left center;
      transform: scaleX(var(--_ratio, 0));
      transition: transform 400ms ease-out;
    }
    [data-correct] [part~='bar'] {
      background: var(--_success);
    }
    :host(:dir(rtl)) [part~='bar'] {
      transform-origin: right center;
    }
    [part~='status'] {
      color: var(--_muted);
      font-size: 0.9em;
    }
    [part~='result'] {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 12px;
      padding: 10px 12px;
      border: 1px solid currentColor;
      border-radius: calc(var(--_radius) * 0.66);
      color: var(--_muted);
    }
    [part~='result'] strong {
      font-size: 1.1em;
    }
    [part~='result'][data-outcome='right'] {
      color: var(--_success);
    }
    [part~='result'][data-outcome='wrong'] {
      color: var(--_danger);
    }
    .gain {
      font-size: 1.1em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .gain,
    .standing,
    [part~='result'] span {
      color: var(--_text);
    }
    @media (forced-colors: active) {
      [part~='letter'],
      [part~='bar'] {
        forced-color-adjust: none;
        color: Canvas;
        background: Highlight;
      }
      .left {
        stroke: Highlight;
      }
      [part~='track'] {
        border: 1px solid CanvasText;
      }
      [part~='base'] button[part~='option'][data-mine]:disabled,
      li[part~='option']:is([data-correct], [data-wrong]) {
        border: 2px solid Highlight;
      }
    }
  `,
];
