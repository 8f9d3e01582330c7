/**
 * Canonical JSON of a document, the exact bytes the seal signs and `data_hash` digests: object keys
 * sorted by UTF-16 code units (as RFC 8785 §3.2.3 sorts), no whitespace, strings and numbers as
 * `JSON.stringify` writes them (RFC 8785 §3.2.2 uses the same ECMAScript serialisation). Only what a
 * volante holds: strings, integers, booleans, null, arrays and plain objects; `undefined` properties
 * are left out.
 */
export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Integers only: the shortest-decimal rule for fractions is where serialisers disagree.
    if (!Number.isSafeInteger(value)) throw new RangeError(`canonical JSON: ${value} is not a safe integer`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: CanonicalValue) => canonicalJson(item)).join(',')}]`;
  const object = value as { readonly [key: string]: CanonicalValue | undefined };
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key] as CanonicalValue)}`).join(',')}}`;
}
