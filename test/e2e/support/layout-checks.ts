/**
 * Page-side checks for the layout tests, run with `page.evaluate()`: they walk the document and
 * every open shadow root, as a viewer's eye would, and return what is wrong in words.
 */

/** Elements wider than their container: poking out of a box that neither scrolls nor clips. */
export function overflowingElements(): string[] {
  const problems: string[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const style = getComputedStyle(el);
      if (style.position === 'absolute' || style.position === 'fixed' || style.display === 'contents')
        continue;
      // What nobody sees: closed dialogs and menus, hidden and visually hidden elements, SVG insides.
      if (
        el.closest(
          'svg, dialog:not([open]), details:not([open]) > :not(summary), [hidden], .visually-hidden, option',
        )
      )
        continue;
      const box = el.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      // The nearest ancestor with a box of its own (a shadow root's host counts).
      let parent: Element | null = el;
      do {
        parent =
          parent.parentElement ?? ((parent.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      } while (parent && getComputedStyle(parent).display === 'contents');
      if (!parent || parent === document.documentElement) continue;
      const outer = getComputedStyle(parent);
      if (outer.overflowX !== 'visible' || outer.overflowY !== 'visible') continue;
      const frame = parent.getBoundingClientRect();
      if (box.left < frame.left - 1 || box.right > frame.right + 1)
        problems.push(
          `${describe(el)} (${Math.round(box.width)} px) pokes out of ${describe(parent)} (${Math.round(frame.width)} px)`,
        );
    }
  };
  visit(document);
  return problems;

  function describe(el: Element): string {
    const host = (el.getRootNode() as ShadowRoot).host;
    const part = el.getAttribute('part');
    const name = `${el.localName}${el.id ? `#${el.id}` : ''}${part ? `[part=${part}]` : el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    return host ? `${host.localName} › ${name}` : name;
  }
}

/** What has focus now, through shadow roots, and whether a viewer can see that it has. */
export function focusIndicator(): { name: string; visible: boolean; key: string } | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body) return null;
  const shows = (el: Element | null) => {
    if (!el) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  };
  // Visually hidden radios show focus on the label (tile, pill) around them.
  const visible = shows(active) || shows(active.closest('label')) || shows(active.parentElement);
  const host = (active.getRootNode() as ShadowRoot).host;
  const label =
    active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 30) ?? active.localName;
  const index = host ? [...document.querySelectorAll(host.localName)].indexOf(host) : -1;
  const position = [...(active.getRootNode() as ParentNode).querySelectorAll('*')].indexOf(active);
  return {
    name: `${host ? `${host.localName} › ` : ''}${active.localName} "${label}"`,
    visible,
    key: `${host?.localName ?? 'page'}:${index}:${position}`,
  };
}
