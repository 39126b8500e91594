import { css } from 'lit';

/**
 * Phone first: a red header and a dusk sky the packets fall through, inside the widget's own box
 * (`--onair-red-packet-rain-block-size`, default 22rem, while a rain is scheduled, falling or
 * summed up; with no rain, or one called off, the widget is one line; a page that gives the
 * element a height of its own gets exactly that, as min/max 100 % resolve only then) — never a
 * page overlay, so the page keeps its input. The calm grid (reduced motion) has thumb-sized
 * packets; the summary puts the viewer's total first, large, then the top grabbers.
 */
export const rainStyles = css`
  :host {
    display: block;
  }
  [part~='base'] {
    --_red: #c8161d;
    --_gold: #ffd54a;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    overflow: hidden;
    gap: 8px;
    background: var(--_surface);
  }
  [part~='base']:is([data-phase='scheduled'], [data-phase='raining'], [data-phase='ended']) {
    block-size: var(--onair-red-packet-rain-block-size, 22rem);
    min-block-size: 100%;
    max-block-size: 100%;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 4px 12px;
  }
  [part~='title'] {
    font-size: 1em;
    font-weight: 700;
  }
  [part~='meta'] {
    display: flex;
    gap: 12px;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .time {
    font-weight: 700;
    color: var(--_accent);
  }
  [part~='stage'] {
    position: relative;
    flex: 1;
    min-block-size: 0;
    border-radius: calc(var(--_radius) - 4px);
    background: var(--onair-red-packet-rain-sky, linear-gradient(#3b0d12, #7a1b1f));
    overflow: hidden;
  }
  canvas {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    touch-action: manipulation;
    cursor: pointer;
    color: #fff;
    outline-color: var(--_gold);
  }
  canvas:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  .help {
    font-size: 0.85em;
    color: var(--_muted);
  }
  [part~='stage'] .help {
    position: absolute;
    inset-block-end: 8px;
    inset-inline: 0;
    text-align: center;
    color: #ffe7b0;
    pointer-events: none;
  }
  .waiting,
  [part~='summary'] {
    display: flex;
    flex-direction: column;
    align-items: center;
    /* Centred while it fits; from the top, scrolling, when the list is longer than the box. */
    justify-content: safe center;
    gap: 4px;
    flex: 1;
    min-block-size: 0;
    text-align: center;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  [part~='countdown'] {
    font-size: 2.2em;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
    color: var(--_accent);
  }
  [part~='grid'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(72px, 1fr));
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-y: auto;
  }
  [part~='packet'] {
    inline-size: 100%;
    min-block-size: 72px;
    border: 0;
    border-radius: 8px;
    background: var(--_red);
    color: var(--_gold);
    font: inherit;
    font-weight: 800;
    font-size: 1.1em;
    cursor: pointer;
  }
  [part~='packet'][data-opened] {
    background: var(--_track);
    color: var(--_text);
    font-size: 0.8em;
    /* "+271 金币" on one line in a thumb-sized cell. */
    white-space: nowrap;
    padding-inline: 2px;
  }
  [part~='packet']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='total'] {
    font-size: 1.75em;
    line-height: 1.2;
    font-weight: 800;
    color: var(--_accent);
  }
  [part~='total'].none {
    font-size: 1em;
    font-weight: 600;
    color: var(--_text);
  }
  .meta,
  .you-got {
    color: var(--_muted);
    font-size: 0.85em;
  }
  h3 {
    font-size: 0.9em;
    margin-block-start: 6px;
  }
  [part~='board'] {
    display: grid;
    gap: 2px;
    inline-size: min(100%, 22rem);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='entry'] {
    display: grid;
    grid-template-columns: 2ch 1fr auto;
    gap: 8px;
    padding: 3px 8px;
    border-radius: 6px;
    text-align: start;
  }
  [part~='entry'][data-mine] {
    background: color-mix(in srgb, var(--_accent) 15%, transparent);
    font-weight: 700;
  }
  .amount {
    font-variant-numeric: tabular-nums;
  }
  @media (forced-colors: active) {
    [part~='packet'] {
      border: 1px solid ButtonText;
    }
    [part~='entry'][data-mine] {
      outline: 1px solid Highlight;
    }
  }
`;
