import { css } from 'lit';

/**
 * Phone first, like the quiz: the prize large beside its name, the countdown in big tabular digits,
 * the conditions as a checklist with the state in words as well as a mark, one full-width pill
 * (48px) to join or claim; the height bounded (`--onair-lucky-draw-max-block-size`), the content
 * scrolling inside. The join pill breathes and the result pops in, except under reduced motion.
 */
export const drawStyles = [
  css`
    :host {
      display: flex;
      flex-direction: column;
      max-block-size: var(--onair-lucky-draw-max-block-size, min(40rem, 90dvh));
    }
    [part~='base'] {
      --_draw: var(--onair-lucky-draw-accent-color, var(--_accent));
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-block-size: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    h2,
    h3,
    p,
    ul,
    ol {
      margin: 0;
    }
    [part~='header'] {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    [part~='title'] {
      font-size: 0.9em;
      font-weight: 650;
      color: var(--_muted);
    }
    [part~='timer'] {
      display: flex;
      align-items: baseline;
      gap: 6px;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .clock {
      font-size: 1.35em;
      font-weight: 750;
      font-variant-numeric: tabular-nums;
      color: var(--_draw);
    }
    [part~='timer'][data-urgent] .clock {
      color: var(--_danger);
    }
    [part~='prize'] {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    [part~='image'] {
      flex: none;
      inline-size: 72px;
      block-size: 72px;
      border-radius: calc(var(--_radius) * 0.66);
      object-fit: cover;
      background: var(--_track);
    }
    .gift {
      display: block;
      background:
        linear-gradient(90deg, transparent 44%, var(--_draw) 44% 56%, transparent 56%),
        linear-gradient(transparent 38%, var(--_draw) 38% 50%, transparent 50%),
        var(--_track);
    }
    .prize-text {
      display: grid;
      gap: 2px;
      min-inline-size: 0;
    }
    [part~='prize-name'] {
      font-size: 1.15em;
      font-weight: 700;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    [part~='quantity'],
    [part~='entrants'],
    [part~='rule'],
    [part~='commitment'] {
      font-size: 0.85em;
      color: var(--_muted);
    }
    [part~='entrants'] {
      font-variant-numeric: tabular-nums;
    }
    h3 {
      font-size: 0.9em;
      font-weight: 650;
      margin-block-end: 6px;
    }
    [part~='conditions'] ul,
    [part~='winners'] ol {
      display: grid;
      gap: 6px;
      padding: 0;
      list-style: none;
    }
    [part~='condition'] {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: center;
      gap: 8px;
      min-block-size: 40px;
      padding: 4px 12px 4px 6px;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_track);
    }
    .check {
      display: grid;
      place-items: center;
      inline-size: 26px;
      block-size: 26px;
      border: 2px solid var(--_border);
      border-radius: 50%;
      font-weight: 800;
    }
    [part~='condition'][data-met] .check {
      border-color: var(--_draw);
      color: var(--_accent-text);
      background: var(--_draw);
    }
    .state {
      font-size: 0.8em;
      font-weight: 650;
      color: var(--_muted);
    }
    [part~='condition'][data-met] .state {
      color: var(--_draw);
    }
    [part~='rule'] {
      margin-block-start: 6px;
    }
    [part~='join'],
    [part~='claim'],
    [part~='verify'] {
      min-block-size: 48px;
      inline-size: 100%;
      padding: 0 16px;
      border: 0;
      border-radius: 999px;
      font: inherit;
      font-weight: 700;
      cursor: pointer;
      color: var(--_accent-text);
      background: var(--_draw);
    }
    [part~='join']:not(:disabled) {
      animation: breathe 1.6s ease-in-out infinite;
    }
    [part~='join']:disabled,
    [part~='claim']:disabled,
    [part~='verify']:disabled {
      cursor: default;
      opacity: 0.7;
    }
    [part~='verify'] {
      color: var(--_text);
      background: var(--_track);
      border: 1px solid var(--_border);
    }
    [part~='status'] {
      padding: 12px;
      border-radius: calc(var(--_radius) * 0.66);
      font-weight: 650;
      text-align: center;
      background: var(--_track);
    }
    [part~='result'] {
      display: grid;
      gap: 10px;
      padding: 14px;
      border-radius: calc(var(--_radius) * 0.66);
      text-align: center;
      background: var(--_track);
      animation: pop 0.4s ease-out;
    }
    [part~='result'][data-outcome='won'] {
      border: 2px solid var(--_draw);
    }
    .headline {
      font-size: 1.15em;
      font-weight: 750;
    }
    [part~='result'][data-outcome='won'] .headline {
      color: var(--_draw);
    }
    [part~='claim-status'][data-failed],
    [part~='verdict'][data-ok='false'] {
      color: var(--_danger);
    }
    [part~='verdict'][data-ok='true'] {
      color: var(--_success);
    }
    /* Winners as chips that wrap: a long list stays short. */
    [part~='winners'] ol {
      display: flex;
      flex-wrap: wrap;
    }
    [part~='winner'] {
      max-inline-size: 12rem;
      padding: 4px 12px;
      border-radius: 999px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      background: var(--_track);
    }
    [part~='winner'][data-mine] {
      font-weight: 700;
      border: 2px solid var(--_draw);
    }
    [part~='fairness'] {
      display: grid;
      gap: 6px;
    }
    [part~='verdict'] {
      font-size: 0.9em;
      font-weight: 600;
    }
    @keyframes breathe {
      50% {
        transform: scale(1.03);
      }
    }
    /* Scale only: the text keeps its contrast all along. */
    @keyframes pop {
      from {
        transform: scale(0.92);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      [part~='join']:not(:disabled),
      [part~='result'] {
        animation: none;
      }
    }
    @media (forced-colors: active) {
      [part~='condition'][data-met] .check,
      [part~='join'],
      [part~='claim'] {
        forced-color-adjust: none;
        color: Canvas;
        background: Highlight;
      }
      [part~='verify'],
      [part~='condition'],
      [part~='winner'] {
        border: 1px solid CanvasText;
      }
    }
  `,
];
