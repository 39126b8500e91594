import { css } from 'lit';

/**
 * The card is a size container: below 360 px it is the compact overlay card of live rooms (讲解
 * card: image, two-line title, price, one action; a tap anywhere opens the details sheet), wider it
 * shows tags and every action. The status line overlays the card, so it never moves the page.
 *
 * - Nothing pinned: the box keeps its size and fades out, so the page does not move.
 * - Mid-width: the title opens the details, so its own button can go.
 * - Compact overlay card: a tap anywhere opens the details (the title's hit area covers the card);
 *   the price and the one action share a line when they fit, else the action moves under it.
 * - Very narrow (a side column of a small phone): a smaller image leaves the price its room.
 */
export const productCardStyles = css`
  :host {
    container-type: inline-size;
    contain-intrinsic-inline-size: auto 22rem;
  }
  [part~='base'] {
    --_price: var(--onair-product-card-accent, var(--_accent));
    --_image: var(--onair-product-card-image-size, 88px);
    position: relative;
  }
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
    position: relative;
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
    inset: auto 0 0;
    padding: 0.1em 0.2em;
    font-size: 0.7em;
    font-weight: 650;
    line-height: 1.2;
    text-align: center;
    overflow-wrap: normal;
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
    background: rgb(0 0 0 / 0.6);
  }
  [data-sold-out] [part~='image'] {
    filter: grayscale(1);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
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
    border-radius: 4px;
  }
  [part~='title']:hover {
    text-decoration: underline;
  }
  [part~='title']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
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
  .body > [part~='actions'] {
    margin-block-start: 0.2em;
  }
  [part~='status'] {
    position: absolute;
    inset-inline: var(--_space);
    inset-block-end: var(--_space);
    margin: 0;
    padding: 0.3em 0.8em;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 650;
    text-align: center;
    color: var(--_surface);
    background: var(--_text);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.3);
    animation: enter 200ms ease-out;
    pointer-events: none;
  }
  [part~='status']:empty {
    display: none;
  }
  [part~='error'] {
    margin-block-start: 0.5em;
    font-size: 0.9em;
  }
  .popover {
    position: fixed;
    inset-block-start: 0;
    inset-inline-start: 0;
    z-index: 1000;
    inline-size: min(22rem, calc(100vw - 16px));
    max-block-size: calc(100dvh - 16px);
    overflow: auto;
    padding: var(--_space);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.35);
  }
  .popover-head {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: 0.5em;
    margin-block-end: 0.5em;
  }
  .popover-head h2 {
    margin: 0;
    font-size: 1em;
  }
  .close {
    flex: none;
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
  @container (width < 440px) {
    .body [part~='details-button'] {
      display: none;
    }
  }
  @container (width < 360px) {
    [part~='base'] {
      --_image: var(--onair-product-card-image-size, 72px);
      padding: calc(var(--_space) * 0.6);
    }
    [part~='badge'] {
      font-size: 0.62em;
    }
    .card {
      gap: calc(var(--_space) * 0.6);
    }
    .body {
      flex-direction: row;
      flex-wrap: wrap;
      align-items: center;
      align-content: space-between;
      gap: 0.15em 0.4em;
    }
    [part~='title'] {
      flex-basis: 100%;
      font-size: 0.9em;
      line-height: 1.25;
    }
    [part~='title']::after {
      content: '';
      position: absolute;
      inset: 0;
    }
    [part~='tags'],
    .body [part~='original-price'],
    .body [part~='add-to-cart'] {
      display: none;
    }
    .body .prices {
      flex: 1 1 auto;
      min-inline-size: 0;
    }
    .body .meta {
      flex-basis: 100%;
      order: 4;
      font-size: 0.75em;
    }
    .body > [part~='actions'] {
      position: relative;
      order: 3;
      margin: 0 0 0 auto;
    }
    .body [part~='buy-now'] {
      min-block-size: 36px;
      padding: 0 0.8em;
    }
  }
  @container (width < 240px) {
    [part~='base'] {
      --_image: var(--onair-product-card-image-size, 52px);
    }
    [part~='badge'] {
      font-size: 0.55em;
    }
    .body [part~='price'] {
      font-size: 1.05em;
    }
  }
  @media (forced-colors: active) {
    [part~='badge'],
    [part~='sold-out'],
    [part~='status'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
      border: 1px solid HighlightText;
    }
    .popover {
      border: 2px solid CanvasText;
    }
  }
`;
