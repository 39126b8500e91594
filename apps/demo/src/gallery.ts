/**
 * What every gallery page shares: the language and theme switches (a change reloads the page in
 * them, so every state is built again), and `show()`, which adds one state with its caption in
 * the page's language. Widgets take the page's language from <html lang> and its theme from here.
 */
import { bindSwitches, type Lang, type PageTheme } from './chrome.js';

export interface Caption {
  en: string;
  zh: string;
}

export const prefs: { lang: Lang; theme: PageTheme } = bindSwitches((lang, theme) => {
  const params = new URLSearchParams(location.search);
  params.set('lang', lang);
  params.set('theme', theme);
  location.search = params.toString();
});

const variants = document.querySelector('#variants')!;

/** Adds a state: a figure with its caption; `wide` spans the whole row. */
export function show(caption: Caption, element: Element, options: { wide?: boolean } = {}): HTMLElement {
  const figure = document.createElement('figure');
  if (options.wide) figure.className = 'wide';
  const label = document.createElement('figcaption');
  label.textContent = prefs.lang === 'zh-CN' ? caption.zh : caption.en;
  figure.append(label, element);
  variants.append(figure);
  return figure;
}

/** A stage-like box (the stream behind overlays), for states shown as they sit on a video. */
export function stage(...children: Element[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'stage-demo';
  box.append(...children);
  return box;
}
