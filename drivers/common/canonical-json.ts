/**
 * Canonical JSON: the one text of a value that is hashed or signed (central's sealed volantes, the
 * kiosk's audit chain), so that any program holding the value can recompute the bytes exactly.
 *
 * A strict subset of RFC 8785 (JCS): object keys sorted by UTF-16 code units (§3.2.3), no whitespace,
 * strings as `JSON.stringify` writes them (§3.2.2 uses the same ECMAScript serialisation), booleans and
 * null; numbers only as safe integers, because the shortest-decimal rule for fractions is where
 * serialisers disagree (-0 and 0 are one number with one text). Only plain objects and arrays;
 * `undefined` properties are left out. Anything else is refused with `NotCanonicalError`.
 */
export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

/** A value with no canonical text (a fraction, NaN, a Date, a class instance…). */
export class NotCanonicalError extends RangeError {
  constructor(message: string) {
    super(`canonical JSON: ${message}`);
    this.name = 'NotCanonicalError';
  }
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new NotCanonicalError(`${value} is not a safe integer`);
      return String(value === 0 ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new NotCanonicalError('not a plain object');
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new NotCanonicalError(`no canonical form for ${typeof value}`);
  }
}
