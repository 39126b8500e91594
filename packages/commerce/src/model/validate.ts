import { parse, type ValidationIssue } from '@onair/core/validation.js';
import { type ProductConfig, productSchema, type ShelfConfigInput, shelfConfigSchema } from './schema.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Rules across fields, with `prefix` for products inside a list (`products[3].`). */
function productIssues(product: ProductConfig, prefix = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const original = product.originalPrice;
  if (original && original.currency !== product.price.currency)
    issues.push({ path: `${prefix}originalPrice.currency`, key: `oneOf|${product.price.currency}` });
  else if (original && original.amount < product.price.amount)
    issues.push({
      path: `${prefix}originalPrice.amount`,
      key: `int|${product.price.amount}|${Number.MAX_SAFE_INTEGER}`,
    });
  const ids = new Set<string>();
  product.variants?.forEach((variant, i) => {
    if (ids.has(variant.id)) issues.push({ path: `${prefix}variants[${i}].id`, key: 'unique' });
    ids.add(variant.id);
  });
  return issues;
}

/** Validates one product; issues name the field at fault (`price.amount`, `image`). */
export function validateProduct(input: unknown): Validated<ProductConfig> {
  const parsed = parse(productSchema, input);
  if (!parsed.ok) return parsed;
  const issues = productIssues(parsed.value);
  return issues.length ? { ok: false, issues } : parsed;
}

export interface ShelfConfig {
  products: ProductConfig[];
  pinned: string[];
}

/** Validates a static shelf: every product, unique ids, pins among the products. */
export function validateShelfConfig(input: unknown): Validated<ShelfConfig> {
  const parsed = parse(shelfConfigSchema, input as ShelfConfigInput);
  if (!parsed.ok) return parsed;
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  parsed.value.products.forEach((product, i) => {
    issues.push(...productIssues(product, `products[${i}].`));
    if (ids.has(product.id)) issues.push({ path: `products[${i}].id`, key: 'unique' });
    ids.add(product.id);
  });
  parsed.value.pinned.forEach((pin, i) => {
    if (!ids.has(pin)) issues.push({ path: `pinned[${i}]`, key: 'oneOf|the products’ ids' });
  });
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.value };
}
