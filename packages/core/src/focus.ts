/**
 * Focus that an action would drop: a vote disables the fieldset that held focus, an answered
 * intent re-renders the button that was pressed. Browsers then move focus to `<body>`, where
 * Escape and the next Tab no longer reach the widget, or leave it on a control now disabled,
 * which a screen reader reads as dimmed and the next Tab leaves. `keepFocus()` runs the action
 * and, if focus was inside the widget before and is nowhere (or on a disabled control) after,
 * puts it on `fallback()` once the widget has re-rendered. Focus the viewer moved elsewhere in
 * the meantime is left where it is.
 */
import type { ReactiveElement } from 'lit';

export async function keepFocus<T>(
  host: ReactiveElement,
  action: () => T | Promise<T>,
  fallback: () => HTMLElement | null | undefined,
): Promise<T> {
  const had = host.matches(':focus-within');
  try {
    return await action();
  } finally {
    if (had) {
      await host.updateComplete;
      const active = document.activeElement;
      const inside = active === host ? host.shadowRoot?.activeElement : null;
      if (!active || active === document.body || inside?.matches(':disabled')) fallback()?.focus();
    }
  }
}
