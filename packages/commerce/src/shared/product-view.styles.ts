import { css } from 'lit';

/**
 * How a product reads on a card, in its details and in the shelf: prices that never break inside
 * a number, buttons whose labels stay on one line, the facts line and the details body.
 */
export const productViewStyles = css`
  .prices {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.1em 0.4em;
    margin: 0;
  }
  [part~='price'],
  [part~='original-price'],
  [part~='discount'] {
    white-space: nowrap;
    overflow-wrap: normal;
    font-variant-numeric: tabular-nums;
  }
  [part~='price'] {
    font-size: 1.2em;
    font-weight: 750;
    color: var(--_price);
  }
  [part~='original-price'] {
    color: var(--_muted);
    font-size: 0.8em;
  }
  [part~='discount'] {
    padding: 0 0.35em;
    border-radius: 4px;
    font-size: 0.75em;
    font-weight: 700;
    color: var(--_accent-text);
    background: var(--_price);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.6em;
    margin: 0;
    font-size: 0.8em;
    color: var(--_muted);
  }
  [part~='stock'][data-low] {
    color: var(--_danger);
    font-weight: 600;
  }
  [part~='countdown'] {
    font-variant-numeric: tabular-nums;
    color: var(--_price);
    font-weight: 600;
  }
  [part~='promotion'] {
    padding: 0 0.35em;
    border: 1px dashed currentColor;
    border-radius: 4px;
    color: var(--_price);
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  [part~='actions'] > * {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 44px;
    padding: 0 0.9em;
    border: 1px solid var(--_price);
    border-radius: 999px;
    font: inherit;
    font-size: 0.9em;
    font-weight: 650;
    white-space: nowrap;
    text-decoration: none;
    cursor: pointer;
  }
  [part~='details-button'] {
    border-color: var(--_border);
    color: var(--_text);
    background: transparent;
  }
  [part~='add-to-cart'] {
    color: var(--_price);
    background: transparent;
  }
  [part~='buy-now'] {
    color: var(--_accent-text);
    background: var(--_price);
  }
  .details {
    display: grid;
    gap: 0.5em;
  }
  .details-image {
    display: block;
    inline-size: 100%;
    max-block-size: 9rem;
    object-fit: cover;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
  }
  .description {
    margin: 0;
    font-size: 0.9em;
  }
  .field {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    font-size: 0.9em;
  }
  .field select,
  .field input {
    min-block-size: 40px;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: 6px;
    padding: 0 0.4em;
  }
  .field input {
    inline-size: 5em;
  }
  .hint {
    margin: 0;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .details [part~='actions'] > * {
    flex: 1;
  }
  @media (forced-colors: active) {
    [part~='buy-now'],
    [part~='discount'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border: 1px solid HighlightText;
    }
    [part~='add-to-cart'],
    [part~='details-button'] {
      border: 1px solid ButtonText;
    }
  }
`;
