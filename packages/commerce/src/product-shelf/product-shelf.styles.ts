import { css } from 'lit';

export const productShelfStyles = css`
  :host {
    display: inline-block;
  }
  [part~='base'] {
    --_price: var(--onair-product-shelf-accent, var(--_accent));
    position: relative;
    padding: 0;
    border: 0;
    background: transparent;
  }
  [part~='toggle'] {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 52px;
    block-size: 52px;
    border: 0;
    border-radius: 999px;
    color: var(--_accent-text);
    background: var(--_price);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.3);
    cursor: pointer;
  }
  [part~='count'] {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 1.5em;
    padding: 0 0.35em;
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 700;
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  [part~='panel'] {
    position: fixed;
    inset-block-end: 0;
    inset-inline-end: 0;
    z-index: 1000;
    display: flex;
    flex-direction: column;
    inline-size: min(100vw, 26rem);
    block-size: var(--onair-product-shelf-panel-height, min(70vh, 32rem));
    padding: var(--_space);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius) var(--_radius) 0 0;
    box-shadow: 0 -8px 30px rgb(0 0 0 / 0.3);
  }
  [part~='panel'][hidden] {
    display: none;
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  .close {
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 0;
    border-radius: 999px;
    font-size: 1.4em;
    line-height: 1;
    color: inherit;
    background: var(--_track);
    cursor: pointer;
  }
  [part~='search'] {
    min-block-size: 40px;
    margin-block: 0.5em 0.25em;
    padding: 0 0.75em;
    font: inherit;
    color: var(--_text);
    background: var(--_track);
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .count {
    margin: 0 0 0.25em;
    min-block-size: 1.2em;
    font-size: 0.8em;
    color: var(--_muted);
  }
  [part~='list'] {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .rows {
    position: relative;
    block-size: var(--_total, 0);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='row'] {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 0;
    block-size: 84px;
    transform: translateY(var(--_y, 0));
    display: grid;
    grid-template-columns: 64px minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.6em;
    padding-block: 10px;
    border-block-end: 1px solid var(--_border);
    contain: strict;
  }
  [part~='row'] img,
  .placeholder {
    inline-size: 64px;
    block-size: 64px;
    border-radius: 8px;
    object-fit: cover;
    background: var(--_track);
  }
  [part~='row'][data-sold-out] img {
    filter: grayscale(1);
    opacity: 0.6;
  }
  .info {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    gap: 0.1em;
  }
  [part~='badge'] {
    align-self: start;
    padding: 0 0.4em;
    border-radius: 999px;
    font-size: 0.7em;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--_price);
  }
  .title {
    all: unset;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    font-weight: 600;
    cursor: pointer;
  }
  .title:focus-visible {
    box-shadow: var(--_focus);
    border-radius: 4px;
  }
  .price {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    align-items: baseline;
    font-weight: 700;
    color: var(--_price);
    font-variant-numeric: tabular-nums;
  }
  .price small {
    font-weight: 600;
    color: var(--_muted);
  }
  .price .low,
  .price .sold-out {
    color: var(--_danger);
  }
  .price .ok {
    color: var(--_success);
  }
  [part~='add-to-cart'] {
    min-block-size: 44px;
    padding: 0 0.8em;
    border: 1px solid var(--_price);
    border-radius: 999px;
    font: inherit;
    font-size: 0.85em;
    font-weight: 650;
    color: var(--_price);
    background: transparent;
    cursor: pointer;
  }
  [part~='add-to-cart']:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    [part~='toggle'],
    [part~='badge'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border: 1px solid HighlightText;
    }
    [part~='panel'] {
      border: 2px solid CanvasText;
    }
    [part~='add-to-cart'] {
      border: 1px solid ButtonText;
    }
  }
`;
