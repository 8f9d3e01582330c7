/**
 * Redaction of personal data and secrets by field name, at any depth. Logs leave the kiosk (the
 * technician reads them, central collects them), so what they carry is decided here and nowhere else:
 * a field whose name says it holds a PIN, an identity number, a name or a card number is replaced
 * before the line is written, whatever the caller passed.
 */

export const REDACTED = '[redactado]';

// Compared lower-case with `_` and `-` removed.
const SENSITIVE_KEYS = new Set([
  // secrets
  'pin',
  'newpin',
  'puk',
  'password',
  'passwd',
  'secret',
  'token',
  'privatekey',
  'accesscode',
  'challenge',
  'signature',
  // identity
  'dni',
  'nie',
  'nif',
  'dninumber',
  'documentnumber',
  'idnumber',
  'serialnumber',
  'name',
  'nombre',
  'firstname',
  'givenname',
  'surname',
  'surnames',
  'lastname',
  'apellido',
  'apellidos',
  'apellido1',
  'apellido2',
  'fullname',
  'citizenname',
  'holdername',
  'commonname',
  'subject',
  'birthdate',
  'dateofbirth',
  'fechanacimiento',
  'address',
  'domicilio',
  'direccion',
  'email',
  'phone',
  'telefono',
  'certificate',
  // payment cards
  'pan',
  'cardnumber',
  'maskedpan',
  'track2',
  'iban',
]);

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** A copy of `value` with every sensitive field replaced; cycles and depth are bounded. */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[ciclo]';
  if (depth > 12) return '[demasiado profundo]';
  seen.add(value);
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const source: Record<string, unknown> =
    value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    out[key] = isSensitiveKey(key) ? REDACTED : redact(child, depth + 1, seen);
  }
  return out;
}

// Errors keep their own fields (code, detail) plus the ones Object.entries does not list.
function errorFields(error: Error): Record<string, unknown> {
  return { ...error, type: error.name, message: error.message, stack: error.stack };
}
