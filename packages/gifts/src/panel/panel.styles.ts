import { css } from 'lit';

export const panelStyles = css`
  [part~='base'] {
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
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(var(--onair-gift-panel-tile-size, 4.5em), 1fr));
    gap: calc(var(--_space) * 0.5);
  }
  [part~='gift'] {
    position: relative;
    display: grid;
    justify-items: center;
    align-content: start;
    gap: 0.1em;
    min-block-size: 44px;
    padding: 0.5em 0.25em;
    border: 1px solid var(--_border);
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
    box-shadow: var(--_focus);
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
    font-size: 0.85em;
  }
  [part~='price'] {
    font-size: 0.75em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  [part~='tag'] {
    position: absolute;
    inset-block-start: -0.5em;
    inset-inline-end: -0.25em;
    padding: 0 0.4em;
    border-radius: 999px;
    font-size: 0.7em;
    font-weight: 650;
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
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.25em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  [part~='quantity'] {
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
    inline-size: 6.5em;
    min-block-size: 44px;
    padding: 0 0.6em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
  }
  [part~='custom-quantity'][aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part~='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  [part~='send'] {
    min-block-size: 44px;
    padding: 0 1.25em;
    border: 0;
    border-radius: 999px;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--onair-gift-panel-send-color, var(--_accent));
    cursor: pointer;
    font-variant-numeric: tabular-nums;
  }
  [part~='combo-timer'] {
    flex-basis: 100%;
    block-size: 4px;
    border-radius: 2px;
    background: var(--onair-gift-panel-send-color, var(--_accent));
    transform-origin: left center;
    animation: run-down var(--_window, 3s) linear forwards;
  }
  :host(:dir(rtl)) [part~='combo-timer'] {
    transform-origin: right center;
  }
  [part~='send']:disabled,
  [part~='send'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
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
  @keyframes run-down {
    to {
      transform: scaleX(0);
    }
  }
  /* No running bar under reduced motion: the button's "Combo ×N" text says it all. */
  @media (prefers-reduced-motion: reduce) {
    [part~='combo-timer'] {
      animation: none !important;
      opacity: 0.5;
    }
  }
  @media (forced-colors: active) {
    [part~='gift'][data-selected],
    [part~='quantity'][data-selected],
    [part~='tab'][aria-selected='true'] {
      outline: 3px solid Highlight;
    }
    [part~='send'],
    [part~='tag'] {
      border: 1px solid ButtonText;
      forced-color-adjust: auto;
    }
  }
`;
