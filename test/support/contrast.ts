/**
 * For component tests: the colours a viewer sees, read from computed styles. Backgrounds are
 * composited over what lies behind them (up the flat tree, through shadow roots) and an element's
 * opacity is applied, so a button at `opacity: 0.5` measures as it looks.
 */
export type Rgba = [number, number, number, number];

/** Parses `rgb()`, `rgba()` and `color(srgb …)` as Chromium serialises computed colours. */
export function parseColor(value: string): Rgba {
  const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)/.exec(value);
  if (srgb) return [+srgb[1]! * 255, +srgb[2]! * 255, +srgb[3]! * 255, srgb[4] ? +srgb[4] : 1];
  const rgb = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(value);
  if (rgb) return [+rgb[1]!, +rgb[2]!, +rgb[3]!, rgb[4] ? +rgb[4] : 1];
  throw new Error(`cannot parse colour ${value}`);
}

function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
}

/** What lies behind `el`'s own background: its ancestors' backgrounds, over white. */
function behind(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node = parentOf(el); node; node = parentOf(node))
    layers.push(parseColor(getComputedStyle(node).backgroundColor));
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

function opacity(el: Element): number {
  let value = 1;
  for (let node: Element | null = el; node; node = parentOf(node))
    value *= Number(getComputedStyle(node).opacity);
  return value;
}

/** The background a viewer sees at `el` (its own over everything behind it), opacity applied. */
export function seenBackground(el: Element): Rgba {
  const base = behind(el);
  const own = over(parseColor(getComputedStyle(el).backgroundColor), base);
  const alpha = opacity(el);
  return over([own[0], own[1], own[2], alpha], base);
}

/** The text colour a viewer sees at `el`, opacity applied. */
export function seenText(el: Element): Rgba {
  const base = behind(el);
  const background = over(parseColor(getComputedStyle(el).backgroundColor), base);
  const color = over(parseColor(getComputedStyle(el).color), background);
  const alpha = opacity(el);
  return over([color[0], color[1], color[2], alpha], base);
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text contrast of `el` against its own background, as seen. */
export function textContrast(el: Element): number {
  return contrast(seenText(el), seenBackground(el));
}
