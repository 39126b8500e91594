import { css } from 'lit';

/**
 * A layer over the stage that never takes a tap. The built-in effect moves transforms and opacity
 * only (compositor work, no layout per frame); under reduced motion it is a banner that fades in,
 * stays and fades out, with nothing moving. Its length comes from the container's own animation.
 *
 * - Reduced motion: nothing flies or bursts; the banner and the gift fade in and out, in place.
 *   !important beats the base sheet's global cut, which would end the effect at once.
 */
export const effectsStyles = css`
  :host {
    position: absolute;
    inset: 0;
    z-index: 10;
    overflow: hidden;
    pointer-events: none;
    contain: strict;
  }
  [part~='base'] {
    position: absolute;
    inset: 0;
    padding: 0;
    border: 0;
    background: transparent;
    color: #fff;
    pointer-events: none;
  }
  [part~='stage'] {
    position: absolute;
    inset: 0;
  }
  [part~='effect'] {
    --_duration: var(--onair-gift-effects-duration, 2400ms);
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    align-content: center;
    gap: 0.75em;
    animation: life var(--_duration) linear both;
  }
  [part~='burst'] {
    position: absolute;
    inset-block-start: 50%;
    inset-inline-start: 50%;
    inline-size: min(70%, 24rem);
    aspect-ratio: 1;
    margin: calc(min(70%, 24rem) / -2);
    border-radius: 50%;
    background: radial-gradient(
      circle,
      var(--onair-gift-effects-glow, rgb(255 200 80 / 0.85)),
      rgb(255 92 154 / 0.35) 45%,
      transparent 70%
    );
    animation: burst var(--_duration) ease-out both;
  }
  [part~='icon'] {
    position: relative;
    font-size: clamp(4rem, 22cqmin, 9rem);
    line-height: 1;
    filter: drop-shadow(0 8px 18px rgb(0 0 0 / 0.45));
    animation: fly var(--_duration) cubic-bezier(0.2, 1.2, 0.3, 1) both;
  }
  [part~='icon'] img {
    inline-size: 1em;
    block-size: 1em;
    object-fit: contain;
  }
  [part~='banner'] {
    position: relative;
    max-inline-size: 90%;
    padding: 0.4em 1.1em;
    border-radius: 999px;
    font-weight: 650;
    text-align: center;
    color: #fff;
    background: linear-gradient(100deg, #b0124f, #5b21b6);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.35);
    animation: slide var(--_duration) ease-out both;
  }
  .count {
    font-style: italic;
    font-weight: 800;
  }
  @keyframes life {
    0% {
      opacity: 0;
    }
    8%,
    85% {
      opacity: 1;
    }
    100% {
      opacity: 0;
    }
  }
  @keyframes burst {
    0% {
      transform: scale(0.2);
      opacity: 0;
    }
    20% {
      opacity: 1;
    }
    100% {
      transform: scale(1.6);
      opacity: 0;
    }
  }
  @keyframes fly {
    0% {
      transform: translateY(60%) scale(0.3) rotate(-12deg);
    }
    25% {
      transform: translateY(0) scale(1.15) rotate(4deg);
    }
    40%,
    80% {
      transform: translateY(0) scale(1) rotate(0);
    }
    100% {
      transform: translateY(-40%) scale(0.9);
    }
  }
  @keyframes slide {
    0%,
    15% {
      transform: translateX(-30%);
      opacity: 0;
    }
    30%,
    100% {
      transform: none;
      opacity: 1;
    }
  }
  @keyframes calm {
    0%,
    100% {
      opacity: 0;
    }
    15%,
    85% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='effect'] {
      animation: calm var(--_duration) linear both !important;
    }
    [part~='burst'] {
      display: none;
    }
    [part~='icon'],
    [part~='banner'] {
      animation: none !important;
    }
    [part~='icon'] {
      font-size: clamp(3rem, 14cqmin, 5rem);
    }
  }
  @media (forced-colors: active) {
    [part~='banner'] {
      border: 2px solid CanvasText;
      background: Canvas;
      color: CanvasText;
    }
  }
`;
