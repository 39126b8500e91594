import { css } from 'lit';

/**
 * The panel inline (wide spaces) or in its bottom sheet (narrow ones): a paged gift grid that
 * scrolls sideways a page at a time, presets in one scrolling row, a quantity limit said in words
 * under them (no layout shift when it turns into an error), and a combo button ringed by its
 * countdown.
 *
 * - Room for every preset: they wrap rather than scroll.
 * - A wide panel shows a page of eight on one row.
 * - The combo button: round, the count in the middle, the time left running round its edge.
 * - No running ring under reduced motion: the button's "Combo ×N" says it all.
 */
export const panelStyles = css`
  :host {
    container-type: inline-size;
    contain-intrinsic-inline-size: auto 24rem;
  }
  [part~='base'] {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  [part~='base'].narrow {
    display: inline-block;
    padding: 0;
    border: 0;
    background: transparent;
  }
  .sheet-body {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .muted {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  [part~='trigger'] {
    font-size: 1.6em;
    background: var(--onair-gift-panel-send-color, var(--_accent));
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  [part~='balance'] {
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  [part~='topup'],
  .recover,
  [part~='confirm'] button {
    min-block-size: 44px;
    padding: 0 1em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_track);
    cursor: pointer;
  }
  [part~='tabs'] {
    display: flex;
    gap: 0.25em;
    overflow-x: auto;
    border-block-end: 1px solid var(--_border);
  }
  [part~='tab'] {
    min-block-size: 44px;
    padding: 0 0.9em;
    border: 0;
    border-block-end: 3px solid transparent;
    background: none;
    white-space: nowrap;
    cursor: pointer;
  }
  [part~='tab'][aria-selected='true'] {
    border-block-end-color: var(--onair-gift-panel-selected-color, var(--_accent));
    font-weight: 650;
  }
  [part~='grid'] {
    min-inline-size: 0;
  }
  .pages {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 100%;
    overflow-x: auto;
    scroll-snap-type: x mandatory;
    overscroll-behavior-x: contain;
    scrollbar-width: none;
  }
  .page {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    align-content: start;
    gap: calc(var(--_space) * 0.5);
    padding: 0.6em 3px 3px;
    scroll-snap-align: start;
  }
  @container (width >= 480px) {
    .presets {
      flex-wrap: wrap;
      overflow: visible;
    }
  }
  @container (width >= 560px) {
    .page {
      grid-template-columns: repeat(8, minmax(0, 1fr));
    }
  }
  .dots {
    display: flex;
    justify-content: center;
    gap: 6px;
    padding-block-start: 6px;
  }
  .dots span {
    inline-size: 6px;
    block-size: 6px;
    border-radius: 3px;
    background: var(--_border);
    cursor: pointer;
  }
  .dots span[data-current] {
    inline-size: 16px;
    background: var(--_muted);
  }
  [part~='gift'] {
    position: relative;
    display: grid;
    justify-items: center;
    align-content: start;
    gap: 0.1em;
    min-inline-size: 0;
    min-block-size: 44px;
    padding: 0.5em 0.2em;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
    text-align: center;
    cursor: pointer;
  }
  [part~='gift'][data-selected],
  [part~='quantity'][data-selected] {
    border-color: var(--onair-gift-panel-selected-color, var(--_accent));
    box-shadow: inset 0 0 0 1px var(--onair-gift-panel-selected-color, var(--_accent));
  }
  [part~='gift']:has(input:focus-visible),
  [part~='quantity']:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  [part~='gift-icon'] {
    font-size: 1.8em;
    line-height: 1.2;
  }
  [part~='gift-icon'] img {
    inline-size: 1.4em;
    block-size: 1.4em;
    object-fit: contain;
  }
  [part~='gift-name'] {
    max-inline-size: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 0.8em;
  }
  [part~='price'] {
    font-size: 0.72em;
    color: var(--_muted);
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  [part~='tag'] {
    position: absolute;
    inset-block-start: -0.6em;
    inset-inline-end: -0.2em;
    padding: 0 0.4em;
    border-radius: 999px;
    font-size: 0.65em;
    font-weight: 650;
    white-space: nowrap;
    color: var(--_accent-text);
    background: var(--onair-gift-panel-tag-color, var(--_accent));
  }
  [part~='odds'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  [part~='quantities'] {
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.25em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .presets {
    display: flex;
    gap: 0.4em;
    overflow-x: auto;
    padding: 3px;
    scrollbar-width: thin;
  }
  [part~='quantity'] {
    flex: none;
    display: inline-grid;
    place-items: center;
    min-inline-size: 44px;
    min-block-size: 44px;
    padding: 0 0.6em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }
  [part~='custom-quantity'] {
    flex: none;
    inline-size: 6.5em;
    min-block-size: 44px;
    padding: 0 0.6em;
    border: 1px solid var(--_muted);
    border-radius: 999px;
    background: var(--_surface);
  }
  [part~='custom-quantity'][aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .limit {
    margin: 0.25em 0 0;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .limit[data-invalid] {
    color: var(--_danger);
    font-weight: 650;
  }
  [part~='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
  }
  [part~='send'] {
    position: relative;
    min-block-size: 44px;
    padding: 0 1.25em;
    border: 1px solid transparent;
    border-radius: 999px;
    font-weight: 650;
    white-space: nowrap;
    color: var(--_accent-text);
    background: var(--onair-gift-panel-send-color, var(--_accent));
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  [part~='send'][data-combo] {
    display: grid;
    place-items: center;
    inline-size: 4.5em;
    block-size: 4.5em;
    padding: 0.5em;
    white-space: normal;
    line-height: 1.1;
    text-align: center;
  }
  .ring {
    position: absolute;
    inset: -5px;
    inline-size: calc(100% + 10px);
    block-size: calc(100% + 10px);
    transform: rotate(-90deg);
    pointer-events: none;
  }
  [part~='combo-timer'] {
    fill: none;
    stroke: var(--_text);
    stroke-width: 2.5;
    stroke-linecap: round;
    stroke-dasharray: 100;
    animation: run-down var(--_window, 3s) linear forwards;
  }
  @keyframes run-down {
    to {
      stroke-dashoffset: 100;
    }
  }
  [part~='confirm'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    padding: 0.6em;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.66);
  }
  [part~='confirm'] p {
    flex-basis: 100%;
    margin: 0;
    font-weight: 650;
  }
  [part~='confirm'] .primary {
    border: 0;
    color: var(--_accent-text);
    background: var(--_accent);
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='combo-timer'] {
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    [part~='gift'][data-selected],
    [part~='quantity'][data-selected],
    [part~='tab'][aria-selected='true'] {
      outline: 3px solid Highlight;
    }
    [part~='send'],
    [part~='trigger'],
    [part~='tag'] {
      border: 1px solid ButtonText;
      forced-color-adjust: auto;
    }
    [part~='combo-timer'] {
      stroke: Highlight;
    }
  }
`;
