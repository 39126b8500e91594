import { css } from 'lit';

/**
 * Phone-first, as live apps show questionnaires: big tappable choice rows, a thin progress bar, the
 * primary button as a full-width pill at the bottom. Inline, the page scrolls inside a bounded
 * height with the buttons in view; narrow, a bar opens the survey in a bottom sheet.
 */
export const surveyStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    max-block-size: var(--onair-survey-max-block-size, min(36rem, 85dvh));
  }
  [part~='base'],
  .sheet-body form {
    --_pick: var(--onair-survey-accent-color, var(--_accent));
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    min-block-size: 0;
  }
  .sheet-body form {
    padding-block-end: 0.25em;
  }
  .muted {
    margin: 0;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .badge {
    justify-self: start;
    margin: 0;
    padding: 0 0.55em;
    border-radius: 999px;
    inline-size: fit-content;
    font-size: 0.78em;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--_pick);
  }
  [part~='header'] {
    display: grid;
    gap: 0.3em;
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.3;
  }
  .title {
    font-size: 1.1em;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1em;
    color: var(--_muted);
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .progress {
    block-size: 4px;
    border-radius: 2px;
    background: var(--_track);
    box-shadow: inset 0 0 0 1px var(--_border);
    overflow: hidden;
  }
  .fill,
  .bar {
    display: block;
    block-size: 100%;
    background: var(--_pick);
    transform-origin: left center;
    transform: scaleX(var(--_ratio, 0));
    transition: transform 250ms ease-out;
  }
  :host(:dir(rtl)) :is(.fill, .bar) {
    transform-origin: right center;
  }
  .page {
    display: flex;
    flex-direction: column;
    gap: 1em;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 3px;
    margin: -3px;
  }
  .sheet-body .page {
    overflow: visible;
  }
  .page-title {
    font-size: 0.95em;
    color: var(--_muted);
  }
  .q {
    display: grid;
    gap: 0.45em;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .q .title {
    padding: 0;
    font-size: 1em;
    font-weight: 650;
  }
  .req {
    margin-inline-start: 0.2em;
    color: var(--_danger);
  }
  .desc {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  [part~='info'] {
    margin: 0;
    padding: 0.6em 0.75em;
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
    white-space: pre-line;
  }
  .choices {
    display: grid;
    gap: 0.5em;
  }
  .choice {
    position: relative;
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-block-size: 44px;
    padding: 0.45em 0.8em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
    cursor: pointer;
  }
  .choice[data-selected] {
    border-color: var(--_pick);
    box-shadow: inset 0 0 0 1px var(--_pick);
  }
  .choice:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .choice input {
    flex: none;
    margin: 0;
    inline-size: 1.1em;
    block-size: 1.1em;
    accent-color: var(--_pick);
  }
  fieldset:disabled .choice {
    cursor: not-allowed;
    border-style: dashed;
    color: var(--_muted);
  }
  .yesno,
  .rating {
    grid-template-columns: repeat(auto-fit, minmax(2.75em, 1fr));
  }
  .yesno .choice,
  .rating .choice {
    justify-content: center;
    padding-inline: 0.2em;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .yesno input,
  .rating input {
    position: absolute;
    opacity: 0;
  }
  .yesno .choice[data-selected],
  .rating .choice[data-selected] {
    color: var(--_accent-text);
    background: var(--_pick);
  }
  .stars {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
  }
  .stars .choice {
    min-inline-size: 44px;
    padding: 0;
    border-color: transparent;
    background: none;
    font-size: 1.7em;
    line-height: 1;
    color: var(--_border);
  }
  .stars .choice[data-lit],
  .stars .choice[data-selected] {
    color: var(--_pick);
    background: none;
    box-shadow: none;
  }
  .ends {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    margin: 0;
    color: var(--_muted);
    font-size: 0.8em;
  }
  input:not([type='radio'], [type='checkbox']),
  select,
  textarea {
    inline-size: 100%;
    min-block-size: 44px;
    padding: 0.5em 0.7em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
    font: inherit;
    color: inherit;
    background: var(--_surface);
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true']:not([type='radio'], [type='checkbox']) {
    border-color: var(--_danger);
  }
  .count {
    justify-self: end;
    color: var(--_muted);
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.88em;
    font-weight: 600;
  }
  .error::before {
    content: '! ';
  }
  .ranking {
    display: grid;
    gap: 0.4em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .rank {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-block-size: 44px;
    padding-inline: 0.3em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
  }
  .rank .label {
    flex: 1;
    min-inline-size: 0;
  }
  .handle {
    padding: 0.4em;
    color: var(--_muted);
    cursor: grab;
    touch-action: none;
    user-select: none;
  }
  .place {
    display: grid;
    place-items: center;
    flex: none;
    inline-size: 1.6em;
    block-size: 1.6em;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--_pick);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .move,
  .keep,
  .secondary {
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    color: inherit;
    background: var(--_surface);
  }
  .keep {
    justify-self: start;
    padding: 0 1em;
  }
  .footer {
    flex: none;
    display: flex;
    gap: 0.6em;
  }
  /* In the sheet the page scrolls with it: the buttons stay at the bottom, in reach of a thumb. */
  .sheet-body .footer {
    position: sticky;
    inset-block-end: 0;
    padding-block: 0.5em;
    background: var(--_surface);
  }
  .primary {
    flex: 1;
    min-block-size: 44px;
    padding: 0 1.25em;
    border: 1px solid transparent;
    border-radius: 999px;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--_pick);
  }
  .secondary {
    padding: 0 1.1em;
  }
  [part~='error'] {
    flex: none;
  }
  .done {
    display: grid;
    gap: 0.9em;
    min-block-size: 0;
    overflow-y: auto;
  }
  .message {
    margin: 0;
    font-weight: 650;
  }
  .message[data-done]::before {
    content: '✓';
    display: inline-grid;
    place-items: center;
    inline-size: 1.5em;
    block-size: 1.5em;
    margin-inline-end: 0.5em;
    border-radius: 999px;
    color: var(--_surface);
    background: var(--_success);
  }
  /* Headings and messages get focus only so a screen reader reads them: nothing to operate. */
  .page-title:focus,
  .done:focus {
    outline: none;
  }
  .results {
    display: grid;
    gap: 0.75em;
  }
  .results h3 {
    font-size: 1em;
  }
  .result {
    display: grid;
    gap: 0.3em;
  }
  .result h4 {
    font-size: 0.92em;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.15em 0.5em;
    font-size: 0.88em;
  }
  .track {
    grid-column: 1 / -1;
    block-size: 6px;
    border-radius: 3px;
    background: var(--_border);
    overflow: hidden;
  }
  .pct,
  .avg {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .places {
    margin: 0;
    padding-inline-start: 1.4em;
    font-size: 0.9em;
  }
  .narrow {
    padding: calc(var(--_space) * 0.75);
  }
  .opener {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em 0.6em;
  }
  .opener-title {
    flex: 1 1 8em;
    min-inline-size: 0;
    font-weight: 650;
  }
  .opener .primary {
    flex: 0 0 auto;
  }
  .empty {
    padding-block: 0.6em;
  }
  @media (forced-colors: active) {
    .fill,
    .bar,
    .place {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    .progress,
    .track {
      border: 1px solid CanvasText;
    }
    .choice[data-selected],
    .rank {
      border: 2px solid Highlight;
    }
    .stars .choice[data-lit] {
      color: Highlight;
    }
    .primary,
    .secondary,
    .move,
    .keep {
      border: 1px solid ButtonText;
    }
  }
`;
