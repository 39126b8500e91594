/** Every event Onair core fires. Widget packages declare theirs the same way. */
export const CoreEvents = {
  error: 'onair-error',
} as const;

export interface OnairErrorDetail {
  /** Stable machine code: `invalid_config`, `action_failed`, `render_failed`, or a server code. */
  code: string;
  /** Localized, human-readable text naming the field or reason. */
  message: string;
  /** Field path the error is about (`options[2].label`), empty when not about one field. */
  path: string;
}

declare global {
  interface HTMLElementEventMap {
    'onair-error': CustomEvent<OnairErrorDetail>;
  }
}

/** The `detail` type of a known event name. */
export type EventDetail<K extends keyof HTMLElementEventMap> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;
