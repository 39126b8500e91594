import { css } from 'lit';

export const slotStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  /* A slot is a place, not a card: the widget it shows draws its own box. */
  [part~='base'] {
    background: none;
    border: 0;
    padding: 0;
    color: inherit;
  }
  .stage {
    display: grid;
  }
  /* Entering and leaving items share the cell, so a swap cross-fades instead of jumping. */
  .item {
    grid-area: 1 / 1;
    min-width: 0;
    transition:
      opacity var(--onair-slot-duration, 220ms) ease,
      transform var(--onair-slot-duration, 220ms) ease;
  }
  .item.entering,
  .item.leaving {
    opacity: 0;
    transform: translateY(var(--onair-slot-offset, 12px));
  }
  .item.leaving {
    pointer-events: none;
  }
  @media (prefers-reduced-motion: reduce) {
    .item {
      transition: none;
    }
    .item.entering,
    .item.leaving {
      transform: none;
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
