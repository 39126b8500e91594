/**
 * Link mode: the product page with attribution appended, so a shop without a cart API still sees
 * which room (and campaign) sent the viewer. Only http(s) links come out; anything else is null.
 */
export interface Attribution {
  room: string;
  product: string;
  campaign?: string | undefined;
}

export function attributedHref(href: string | null | undefined, attribution: Attribution): string | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.searchParams.set('utm_source', 'onair');
  url.searchParams.set('utm_medium', 'live');
  if (attribution.campaign) url.searchParams.set('utm_campaign', attribution.campaign);
  url.searchParams.set('onair_room', attribution.room);
  url.searchParams.set('onair_product', attribution.product);
  return url.href;
}
