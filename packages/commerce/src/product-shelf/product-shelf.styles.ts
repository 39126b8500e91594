import { css } from 'lit';

/**
 * The bag button, and the bag's bottom sheet: search, the windowed list (fixed 84 px rows), a
 * product's details, and the status line that overlays the sheet so nothing moves.
 *
 * - The whole row opens the details; Add to cart sits above that hit area.
 */
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
    color: var(--_accent-text);
    background: var(--_price);
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
    position: relative;
    display: flex;
    flex-direction: column;
    block-size: var(--onair-product-shelf-panel-height, min(70dvh, 34rem));
  }
  .list-view,
  .detail-view {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-block-size: 0;
  }
  .list-view[hidden] {
    display: none;
  }
  .detail-view {
    overflow-y: auto;
    gap: 0.5em;
    padding-block-end: 3em;
  }
  .back {
    align-self: start;
    min-block-size: 44px;
    padding: 0 0.8em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font: inherit;
    font-size: 0.9em;
    color: inherit;
    background: var(--_track);
    cursor: pointer;
  }
  [part~='search'] {
    min-block-size: 40px;
    margin-block: 0.25em;
    padding: 0 0.75em;
    font: inherit;
    color: var(--_text);
    background: var(--_track);
    border: 1px solid var(--_muted);
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
    padding: 10px 3px;
    border-block-end: 1px solid var(--_border);
    contain: strict;
  }
  .thumb {
    position: relative;
    inline-size: 64px;
    block-size: 64px;
    border-radius: 8px;
    overflow: hidden;
    background: var(--_track);
  }
  .thumb img {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  [part~='row'][data-sold-out] img {
    filter: grayscale(1);
    opacity: 0.6;
  }
  [part~='badge'] {
    overflow-wrap: normal;
    position: absolute;
    inset: auto 0 0;
    padding: 0.1em 0.2em;
    font-size: 0.6em;
    font-weight: 650;
    line-height: 1.2;
    text-align: center;
    color: var(--_accent-text);
    background: var(--_price);
  }
  .info {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    gap: 0.05em;
  }
  .title {
    all: unset;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    font-weight: 600;
    font-size: 0.95em;
    cursor: pointer;
    border-radius: 4px;
  }
  .title::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .title:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .info .prices {
    flex-wrap: nowrap;
    overflow: hidden;
  }
  .info .prices [part~='price'] {
    font-size: 1.05em;
  }
  .info .meta {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    font-size: 0.75em;
  }
  [part~='row'] [part~='add-to-cart'] {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 44px;
    block-size: 44px;
    padding: 0;
    border: 1px solid var(--_price);
    border-radius: 999px;
    color: var(--_price);
    background: transparent;
    cursor: pointer;
  }
  [part~='status'] {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 0.25em;
    inline-size: fit-content;
    max-inline-size: 100%;
    margin: 0 auto;
    padding: 0.35em 1em;
    border-radius: 999px;
    font-size: 0.9em;
    font-weight: 650;
    color: var(--_surface);
    background: var(--_text);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.3);
    pointer-events: none;
  }
  [part~='status']:empty {
    display: none;
  }
  @media (forced-colors: active) {
    [part~='toggle'],
    [part~='badge'],
    [part~='status'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border: 1px solid HighlightText;
    }
    [part~='row'] [part~='add-to-cart'] {
      border: 1px solid ButtonText;
    }
  }
`;
