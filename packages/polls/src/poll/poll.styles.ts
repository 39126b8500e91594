import { css } from 'lit';

/**
 * Bounded height: the host is a flex column capped by `--onair-poll-max-block-size`; the options
 * scroll, the question and the Vote button stay. Result bars are solid on a track of their own
 * (3:1 in both themes); closed polls mark the winner, quizzes the answer and a wrong pick.
 *
 * - A fieldset never passes a bounded height on to its content: its children join the form's flex
 *   column (`display: contents`; the group and its legend stay in the accessibility tree).
 */
export const pollStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    max-block-size: var(--onair-poll-max-block-size, min(30rem, 85dvh));
  }
  [part~='base'] {
    --_bar: var(--onair-poll-bar-color, var(--_accent));
    display: flex;
    flex-direction: column;
    min-block-size: 0;
  }
  fieldset {
    display: contents;
  }
  legend {
    flex: none;
    padding: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  [part~='meta'] {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    margin: 0.25em 0 0.5em;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .closed {
    padding: 0 0.6em;
    border-radius: 999px;
    font-weight: 650;
    color: var(--_surface);
    background: var(--_text);
  }
  [part~='badge'] {
    color: var(--onair-poll-badge-color, var(--_accent));
    font-weight: 650;
  }
  [part~='countdown'] {
    flex: none;
    margin: 0 0 0.5em;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  [part~='countdown-bar'] {
    display: block;
    block-size: 4px;
    margin-block-start: 0.25em;
    border-radius: 2px;
    background: var(--_border);
    overflow: hidden;
  }
  [part~='countdown-bar']::after {
    content: '';
    display: block;
    block-size: 100%;
    background: var(--_bar);
    transform-origin: left center;
    transform: scaleX(var(--_left, 1));
    transition: transform 1s linear;
  }
  [part~='options'] {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    min-block-size: 3.5em;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 3px;
    margin: -3px;
  }
  [part~='options'].rating {
    grid-template-columns: repeat(auto-fit, minmax(2.75em, 1fr));
  }
  [part~='option'] {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas: 'input label count';
    align-items: center;
    gap: 0.3em 0.5em;
    min-block-size: 44px;
    padding: 0.4em 0.7em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
    cursor: pointer;
  }
  [part~='option']:has(> [part~='track']) {
    grid-template-areas: 'input label count' 'track track track';
  }
  .rating [part~='option'] {
    grid-template-columns: 1fr;
    grid-template-areas: 'label' 'count' 'track';
    justify-items: center;
    padding: 0.4em 0.2em;
  }
  input {
    grid-area: input;
    margin: 0;
    accent-color: var(--_accent);
    inline-size: 1.1em;
    block-size: 1.1em;
  }
  .rating input {
    position: absolute;
    opacity: 0;
  }
  .label {
    grid-area: label;
  }
  [part~='option'][data-selected] {
    border-color: var(--onair-poll-selected-color, var(--_accent));
    box-shadow: inset 0 0 0 1px var(--onair-poll-selected-color, var(--_accent));
  }
  [part~='option'][data-disabled] {
    cursor: default;
  }
  [part~='option']:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  [part~='count'] {
    grid-area: count;
    font-variant-numeric: tabular-nums;
    font-size: 0.85em;
    color: var(--_muted);
    white-space: nowrap;
  }
  [part~='track'] {
    grid-area: track;
    justify-self: stretch;
    block-size: 6px;
    border-radius: 3px;
    background: var(--_border);
    overflow: hidden;
  }
  [part~='bar'] {
    display: block;
    block-size: 100%;
    background: var(--_bar);
    transform-origin: left center;
    transform: scaleX(var(--_ratio, 0));
    transition: transform 300ms ease-out;
  }
  :host(:dir(rtl)) :is([part~='bar'], [part~='countdown-bar']::after) {
    transform-origin: right center;
  }
  [data-closed] [part~='bar'] {
    background: var(--_muted);
  }
  [data-closed] [data-winner] [part~='bar'] {
    background: var(--_bar);
  }
  [data-closed] [data-correct] [part~='bar'] {
    background: var(--_success);
  }
  [data-closed] [data-winner],
  [data-closed] [data-correct] {
    border-width: 2px;
    border-color: var(--_text);
    font-weight: 650;
  }
  [data-closed] [data-correct] {
    border-color: var(--_success);
  }
  [data-closed] [data-wrong] {
    border-color: var(--_danger);
  }
  .marks {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    margin-inline-start: 0.4em;
    font-size: 0.8em;
    font-weight: 650;
  }
  .mine {
    color: var(--_accent);
  }
  .winner {
    color: var(--_text);
  }
  .correct {
    color: var(--_success);
  }
  .wrong {
    color: var(--_danger);
  }
  [part~='footer'] {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    margin-block-start: 0.75em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .status {
    margin: 0;
  }
  [part~='submit'] {
    min-block-size: 44px;
    padding: 0 1.25em;
    border: 1px solid transparent;
    border-radius: 999px;
    font: inherit;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--onair-poll-button-color, var(--_accent));
    cursor: pointer;
  }
  .outcome {
    flex: none;
    margin: 0.75em 0 0;
    padding: 0.4em 0.7em;
    border-radius: calc(var(--_radius) * 0.66);
    font-weight: 650;
    color: var(--_danger);
    border: 1px solid currentColor;
  }
  .outcome[data-right] {
    color: var(--_success);
  }
  @media (forced-colors: active) {
    [part~='bar'],
    [part~='countdown-bar']::after {
      background: Highlight;
      forced-color-adjust: none;
    }
    [part~='track'],
    [part~='countdown-bar'] {
      border: 1px solid CanvasText;
    }
    [part~='option'][data-selected],
    [data-closed] :is([data-winner], [data-correct]) {
      border: 2px solid Highlight;
    }
    [part~='submit'] {
      border: 1px solid ButtonText;
    }
  }
`;
