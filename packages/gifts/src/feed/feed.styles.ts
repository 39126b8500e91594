import { css } from 'lit';

/**
 * Motion: transforms and opacity only (no layout work per frame); reduced motion fades.
 *
 * - A big gift is a banner of its own, in both themes: white on a deep gradient (≥ 4.5:1).
 * - Motion becomes fades; counters just change. !important beats the base sheet's global cut.
 */
export const feedStyles = css`
  [part~='base'] {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  [part~='lane'] {
    display: grid;
    gap: 0.4em;
    margin: 0;
    padding: 0;
    list-style: none;
    contain: layout paint;
  }
  [part~='item'] {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 0.5em;
    min-block-size: 2.6em;
    padding: 0.3em 0.7em;
    border-radius: 999px;
    background: var(--onair-gift-feed-item-background, var(--_track));
    animation: enter 260ms ease-out both;
    will-change: transform;
  }
  [part~='item'].big {
    min-block-size: 3.6em;
    padding-block: 0.4em;
    color: #fff;
    background: linear-gradient(
      100deg,
      var(--onair-gift-feed-big-color, #b0124f),
      var(--onair-gift-feed-big-color-end, #5b21b6)
    );
    box-shadow: 0 4px 16px rgb(91 33 182 / 0.35);
    animation: enter-big 520ms cubic-bezier(0.2, 1.4, 0.4, 1) both;
  }
  .big .text {
    white-space: normal;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
  }
  [part~='value'] {
    display: block;
    font-size: 0.85em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  [part~='icon'] {
    font-size: 1.4em;
    line-height: 1;
  }
  .big [part~='icon'] {
    font-size: 2em;
  }
  [part~='icon'] img {
    inline-size: 1.2em;
    block-size: 1.2em;
    object-fit: contain;
  }
  .text {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 0.9em;
  }
  [part~='sender'] {
    font-weight: 650;
  }
  .quantity {
    font-variant-numeric: tabular-nums;
  }
  [part~='counter'] {
    display: inline-block;
    font-size: 1.3em;
    font-weight: 800;
    font-style: italic;
    font-variant-numeric: tabular-nums;
    color: var(--onair-gift-feed-counter-color, var(--_accent));
    animation: pop 240ms ease-out both;
  }
  [part~='counter'].one {
    color: var(--_muted);
    font-size: 1em;
  }
  .big [part~='counter'] {
    font-size: 1.7em;
    color: #fff;
  }
  [part~='stats'] dl {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
  }
  [part~='stats'] dl div {
    display: flex;
    gap: 0.3em;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  [part~='top'] {
    margin: 0.5em 0 0;
    padding-inline-start: 1.4em;
    font-size: 0.9em;
  }
  .value,
  .empty {
    color: var(--_muted);
  }
  .empty {
    margin: 0.5em 0 0;
    font-size: 0.9em;
  }
  @keyframes enter {
    from {
      opacity: 0;
      transform: translateX(-1.5em);
    }
  }
  :host(:dir(rtl)) [part~='item'] {
    animation-name: enter-rtl;
  }
  @keyframes enter-rtl {
    from {
      opacity: 0;
      transform: translateX(1.5em);
    }
  }
  @keyframes enter-big {
    from {
      opacity: 0;
      transform: scale(0.6);
    }
  }
  @keyframes pop {
    from {
      transform: scale(1.8);
    }
  }
  @keyframes fade {
    from {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='item'],
    [part~='item'].big,
    :host(:dir(rtl)) [part~='item'] {
      animation: fade 300ms ease-out both !important;
      will-change: auto;
    }
    [part~='counter'] {
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    [part~='item'] {
      border: 1px solid CanvasText;
    }
    [part~='item'].big {
      border: 3px solid Highlight;
      background: Canvas;
      color: CanvasText;
    }
  }
`;
