import { noChange } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';

/**
 * Sets CSS custom properties through the CSSOM (`style.setProperty`). Lit's `styleMap` writes a
 * `style` attribute on first render, which a strict CSP (`style-src 'self'`) blocks; CSSOM
 * writes are allowed. Use as an element binding: `<div ${cssProps({ '--_ratio': 0.4 })}>`.
 */
class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() must be used as an element binding');
  }

  render(_props: Record<string, string | number>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Record<string, string | number>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, String(value));
    this.previous = new Set(Object.keys(props));
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
