import { css } from 'lit';

export const pollStyles = css`
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    font-size: 1.05em;
    font-weight: 650;
  }
  [part~='meta'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    margin: 0.25em 0 0.75em;
    color: var(--_muted);
    font-size: 0.85em;
  }
  [part~='badge'] {
    color: var(--onair-poll-badge-color, var(--_accent));
    font-weight: 650;
  }
  [part~='options'] {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  [part~='options'].rating {
    grid-template-columns: repeat(auto-fit, minmax(2.5em, 1fr));
  }
  [part~='option'] {
    position: relative;
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 0.5em;
    min-block-size: 44px;
    padding: 0.4em 0.7em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.66);
    background: var(--_track);
    cursor: pointer;
    overflow: hidden;
    isolation: isolate;
  }
  .rating [part~='option'] {
    grid-template-columns: 1fr;
    justify-items: center;
    padding: 0.4em 0.2em;
  }
  [part~='option'][data-selected] {
    border-color: var(--onair-poll-selected-color, var(--_accent));
    box-shadow: inset 0 0 0 1px var(--onair-poll-selected-color, var(--_accent));
  }
  [part~='option'][data-disabled] {
    cursor: default;
  }
  [part~='option']:has(input:focus-visible) {
    box-shadow: var(--_focus);
  }
  input {
    margin: 0;
    accent-color: var(--_accent);
    inline-size: 1.1em;
    block-size: 1.1em;
  }
  .rating input {
    position: absolute;
    opacity: 0;
  }
  [part~='bar'] {
    position: absolute;
    inset: 0;
    z-index: -1;
    background: var(--onair-poll-bar-color, color-mix(in srgb, var(--_accent) 22%, transparent));
    transform-origin: left center;
    transform: scaleX(var(--_ratio, 0));
    transition: transform 300ms ease-out;
  }
  :host(:dir(rtl)) [part~='bar'] {
    transform-origin: right center;
  }
  [part~='count'] {
    font-variant-numeric: tabular-nums;
    font-size: 0.85em;
    color: var(--_muted);
    white-space: nowrap;
  }
  .tags {
    display: inline-flex;
    gap: 0.4em;
    margin-inline-start: 0.4em;
    font-size: 0.8em;
    font-weight: 600;
  }
  .mine {
    color: var(--_accent);
  }
  .correct {
    color: var(--_success);
  }
  [part~='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    margin-block-start: 0.75em;
    color: var(--_muted);
    font-size: 0.9em;
  }
  [part~='submit'] {
    min-block-size: 44px;
    padding: 0 1.25em;
    border: 0;
    border-radius: 999px;
    font: inherit;
    font-weight: 650;
    color: var(--_accent-text);
    background: var(--onair-poll-button-color, var(--_accent));
    cursor: pointer;
  }
  [part~='submit']:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .outcome {
    margin: 0.75em 0 0;
    font-weight: 650;
  }
  @media (forced-colors: active) {
    [part~='bar'] {
      background: Highlight;
      forced-color-adjust: none;
      opacity: 0.35;
    }
    [part~='option'][data-selected] {
      border: 2px solid Highlight;
    }
    [part~='submit'] {
      border: 1px solid ButtonText;
    }
  }
`;
