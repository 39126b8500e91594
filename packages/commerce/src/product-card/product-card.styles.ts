import { css } from 'lit';

export const productCardStyles = css`
  [part~='base'] {
    --_price: var(--onair-product-card-accent, var(--_accent));
    --_image: var(--onair-product-card-image-size, 88px);
    position: relative;
  }
  /* Nothing pinned: the box keeps its size and fades out, so the page does not move. */
  [part~='base'][data-empty] {
    min-block-size: calc(var(--_image) + 2 * var(--_space));
    opacity: 0;
    visibility: hidden;
    transition:
      opacity 250ms ease-out,
      visibility 0s 250ms;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
  }
  .card {
    display: grid;
    grid-template-columns: var(--_image) minmax(0, 1fr);
    gap: var(--_space);
    animation: enter 250ms ease-out;
  }
  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(6px);
    }
  }
  [part~='media'] {
    position: relative;
    inline-size: var(--_image);
    block-size: var(--_image);
    border-radius: calc(var(--_radius) * 0.66);
    overflow: hidden;
    background: var(--_track);
  }
  [part~='image'] {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  [part~='badge'] {
    position: absolute;
    inset-block-start: 4px;
    inset-inline-start: 4px;
    padding: 0 0.45em;
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--onair-product-card-badge-color, var(--_accent));
  }
  [part~='sold-out'] {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    font-weight: 700;
    color: #fff;
    background: rgb(0 0 0 / 0.55);
  }
  [data-sold-out] [part~='image'] {
    filter: grayscale(1);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    min-inline-size: 0;
  }
  [part~='title'] {
    all: unset;
    font-weight: 650;
    cursor: pointer;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    color: inherit;
  }
  [part~='title']:hover {
    text-decoration: underline;
  }
  [part~='title']:focus-visible {
    box-shadow: var(--_focus);
    border-radius: 4px;
  }
  [part~='tags'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.75em;
  }
  [part~='tags'] li {
    padding: 0 0.4em;
    border: 1px solid var(--_border);
    border-radius: 4px;
    color: var(--_muted);
  }
  .prices {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.1em 0.5em;
    margin: 0;
  }
  [part~='price'] {
    font-size: 1.15em;
    font-weight: 700;
    color: var(--_price);
    font-variant-numeric: tabular-nums;
  }
  [part~='original-price'] {
    color: var(--_muted);
    font-size: 0.85em;
  }
  [part~='discount'] {
    padding: 0 0.35em;
    border-radius: 4px;
    font-size: 0.8em;
    font-weight: 650;
    color: var(--_price);
    border: 1px solid currentColor;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
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
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin-block-start: 0.3em;
  }
  [part~='actions'] > * {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 44px;
    padding: 0 0.9em;
    border-radius: 999px;
    font: inherit;
    font-size: 0.9em;
    font-weight: 650;
    text-decoration: none;
    cursor: pointer;
  }
  [part~='details-button'] {
    border: 1px solid var(--_border);
    color: var(--_text);
    background: transparent;
  }
  [part~='add-to-cart'] {
    border: 1px solid var(--_price);
    color: var(--_price);
    background: transparent;
  }
  [part~='buy-now'] {
    border: 1px solid var(--_price);
    color: var(--_accent-text);
    background: var(--_price);
  }
  [part~='actions'] > :disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  [part~='status'] {
    margin: 0;
    font-size: 0.85em;
    color: var(--_success);
  }
  [part~='status']:empty {
    display: none;
  }
  [part~='error'] {
    margin-block-start: 0.5em;
    font-size: 0.9em;
  }
  [part~='popover'] {
    position: fixed;
    inset-block-start: 0;
    inset-inline-start: 0;
    z-index: 1000;
    inline-size: max-content;
    max-inline-size: min(22rem, calc(100vw - 16px));
    max-block-size: calc(100vh - 16px);
    overflow: auto;
    box-shadow: 0 8px 30px rgb(0 0 0 / 0.3);
  }
  [part~='popover']:focus-visible {
    box-shadow: var(--_focus);
  }
  .popover-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: 0.5em;
  }
  .popover-head h2 {
    margin: 0;
    font-size: 1em;
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
  .popover-image {
    display: block;
    inline-size: 100%;
    max-block-size: 12rem;
    object-fit: cover;
    margin-block: 0.5em;
    border-radius: calc(var(--_radius) * 0.66);
  }
  .description {
    margin: 0.5em 0;
    font-size: 0.9em;
  }
  .field {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    margin-block: 0.4em;
    font-size: 0.9em;
  }
  .field select,
  .field input {
    min-block-size: 36px;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 0 0.4em;
  }
  .field input {
    inline-size: 5em;
  }
  @media (forced-colors: active) {
    [part~='badge'],
    [part~='sold-out'],
    [part~='buy-now'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border: 1px solid HighlightText;
    }
    [part~='add-to-cart'],
    [part~='details-button'],
    [part~='discount'] {
      border: 1px solid ButtonText;
    }
    [part~='popover'] {
      border: 2px solid CanvasText;
    }
  }
`;
