import { css } from 'lit';

/** A side column: the heading, the ranking line, the list; the list scrolls inside a bounded height. */
export const leaderboardStyles = css`
  [part~='base'] {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  h2,
  p {
    margin: 0;
  }
  [part~='title'] {
    font-size: 1em;
    font-weight: 700;
  }
  [part~='meta'] {
    color: var(--_muted);
    font-size: 0.85em;
  }
`;
