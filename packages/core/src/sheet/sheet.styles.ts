import { css } from 'lit';

/**
 * The bottom sheet's look (see sheet.ts). It lives in the top layer but inherits from the widget's
 * `base` part, so the theme's tokens apply. Its body is a size container: content laid out for the
 * sheet's width, not the widget's; `.sheet-opener` is the round floating button that opens one. CSS: `--onair-sheet-max-inline-size`, `--onair-sheet-max-block-size`,
 * `--onair-scrim-color`.
 */
export const sheetStyles = css`
  .sheet-opener {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 52px;
    block-size: 52px;
    border: 0;
    border-radius: 999px;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.3);
    cursor: pointer;
  }
  dialog[part~='sheet'] {
    position: fixed;
    inset: auto 0 0;
    margin: 0 auto;
    inline-size: 100%;
    max-inline-size: min(100vw, var(--onair-sheet-max-inline-size, 32rem));
    max-block-size: var(--onair-sheet-max-block-size, 85dvh);
    padding: 0;
    border: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    color: var(--_text);
    background: var(--_surface);
    box-shadow: 0 -8px 30px rgb(0 0 0 / 0.35);
    overflow: hidden;
    flex-direction: column;
    animation: sheet-in 220ms ease-out;
  }
  dialog[part~='sheet'][open] {
    display: flex;
  }
  dialog[part~='sheet']::backdrop {
    background: var(--onair-scrim-color, rgb(0 0 0 / 0.5));
  }
  @keyframes sheet-in {
    from {
      transform: translateY(30%);
      opacity: 0;
    }
  }
  .sheet-head {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0 0.5em;
    padding: 0 var(--_space);
    touch-action: none;
    cursor: grab;
  }
  .sheet-handle {
    grid-column: 1 / -1;
    justify-self: center;
    inline-size: 2.5rem;
    block-size: 4px;
    margin-block: 8px 2px;
    border-radius: 2px;
    background: var(--_muted);
  }
  .sheet-head h2 {
    margin: 0;
    font-size: 1.05em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .sheet-close {
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 0;
    border-radius: 999px;
    font: inherit;
    font-size: 1.4em;
    line-height: 1;
    color: inherit;
    background: var(--_track);
    cursor: pointer;
  }
  .sheet-body {
    container-type: inline-size;
    flex: 1;
    min-block-size: 0;
    overflow: auto;
    overscroll-behavior: contain;
    padding: 0.5em var(--_space) calc(var(--_space) + env(safe-area-inset-bottom, 0px));
  }
  @media (min-width: 40rem) {
    dialog[part~='sheet'] {
      inset-block-end: var(--_space);
      border-radius: var(--_radius);
    }
  }
  @media (forced-colors: active) {
    dialog[part~='sheet'] {
      border: 2px solid CanvasText;
    }
  }
`;
