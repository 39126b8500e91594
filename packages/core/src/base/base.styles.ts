import { css } from 'lit';

/**
 * Shared look of every widget. Global tokens (`--onair-*`) are read with fallbacks, so a page
 * themes from any ancestor; the light/dark defaults live in private `--_` locals on the base part.
 * `:host` holds layout only.
 *
 * Global tokens: --onair-font-family, --onair-color-surface, --onair-color-text,
 * --onair-color-muted, --onair-color-accent, --onair-color-accent-text, --onair-color-border,
 * --onair-color-danger, --onair-color-success, --onair-color-track, --onair-radius, --onair-space,
 * --onair-focus-color.
 *
 * Each theme sets its own `color-scheme`, so native controls (radios, checkboxes, scrollbars) follow
 * the widget's theme rather than the page's: a light widget on a dark page keeps light radios.
 * Focus is an outline (not a box-shadow), so no part's own shadow can hide it; disabled controls
 * change colour and border style, not only opacity. Inline text (labels and names from configs and
 * viewers, in any script) is bidi-isolated, so none can reorder the text around it (what <bdi> does).
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    min-inline-size: 0;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  span,
  a,
  label,
  strong,
  em,
  code,
  output {
    unicode-bidi: isolate;
  }
  [part~='base'] {
    --_surface: var(--onair-color-surface, #ffffff);
    --_text: var(--onair-color-text, #111827);
    --_muted: var(--onair-color-muted, #4b5563);
    --_accent: var(--onair-color-accent, #c81e63);
    --_accent-text: var(--onair-color-accent-text, #ffffff);
    --_border: var(--onair-color-border, #d1d5db);
    --_track: var(--onair-color-track, #f3f4f6);
    --_danger: var(--onair-color-danger, #b91c1c);
    --_success: var(--onair-color-success, #047857);
    --_radius: var(--onair-radius, 12px);
    --_space: var(--onair-space, 12px);
    --_focus: var(--onair-focus-color, #2563eb);
    color-scheme: light;
    box-sizing: border-box;
    font-family: var(--onair-font-family, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif);
    font-size: var(--onair-font-size, 15px);
    line-height: 1.45;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-wrap: anywhere;
    word-break: normal;
    line-break: strict;
  }
  [part~='base'].dark {
    --_surface: var(--onair-color-surface, #16161d);
    --_text: var(--onair-color-text, #f3f4f6);
    --_muted: var(--onair-color-muted, #b4b4c0);
    --_accent: var(--onair-color-accent, #ff5c9a);
    --_accent-text: var(--onair-color-accent-text, #16161d);
    --_border: var(--onair-color-border, #3a3a46);
    --_track: var(--onair-color-track, #26262f);
    --_danger: var(--onair-color-danger, #fca5a5);
    --_success: var(--onair-color-success, #6ee7b7);
    --_focus: var(--onair-focus-color, #60a5fa);
    color-scheme: dark;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='base'] :is(button, select, input:not([type='radio'], [type='checkbox'])):disabled,
  [part~='base'] button[aria-disabled='true'] {
    color: var(--_muted);
    background: var(--_track);
    border: 1px dashed var(--_muted);
    box-shadow: none;
    opacity: 1;
    cursor: not-allowed;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part~='error'] {
    color: var(--_danger);
    border-inline-start: 3px solid var(--_danger);
    padding-inline-start: calc(var(--_space) * 0.75);
    margin: 0;
  }
  [part~='error'] ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.2em;
    font-size: 0.9em;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition-duration: 0.01ms !important;
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
    }
  }
  @media (forced-colors: active) {
    [part~='base'] {
      border-color: CanvasText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
    [part~='base'] :is(button, select, input):disabled {
      color: GrayText;
      border-color: GrayText;
    }
    [part~='error'] {
      border-inline-start-color: CanvasText;
    }
  }
`;
