/**
 * Validation of a kiosk configuration as a person wrote it. Every problem becomes one line a
 * technician can act on: where (the field path), what was found, and what is expected.
 */
import type { z } from 'zod';
import { type KioskConfig, kioskConfigSchema } from './schema.ts';

export interface ConfigProblem {
  /** Dotted path of the field, `devices.printer.paperWidthMm`; `(raíz)` for the whole file. */
  readonly path: string;
  /** What was found, shortened; never the value of a field that looks like a secret. */
  readonly found: string;
  readonly expected: string;
}

export type ConfigValidation =
  | { readonly ok: true; readonly config: KioskConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.path}: ${problem.found}; se espera ${problem.expected}`;
}

export function validateKioskConfig(raw: unknown): ConfigValidation {
  const secrets = findSecrets(raw);
  if (secrets.length > 0) return { ok: false, problems: secrets };
  const parsed = kioskConfigSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.flatMap(describeIssue) };
}

// Field names that hold a secret (compared without case, dashes or underscores). A file path to a
// secret is fine and ends in `File`, which none of these do.
const SECRET_KEYS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'clientsecret',
  'token',
  'apikey',
  'privatekey',
  'key',
  'clientkey',
  'terminalkey',
  'pin',
  'puk',
  'accesscode',
]);
const SECRET_VALUE = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;

function findSecrets(value: unknown, path: readonly PropertyKey[] = []): ConfigProblem[] {
  if (typeof value === 'string') {
    return SECRET_VALUE.test(value)
      ? [
          {
            path: dotted(path),
            found: 'un certificado o una clave en el texto',
            expected: secretAdvice(path),
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findSecrets(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = [...path, key];
    if (SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''))) {
      return [
        { path: dotted(childPath), found: 'un secreto en el fichero', expected: secretAdvice(childPath) },
      ];
    }
    return findSecrets(child, childPath);
  });
}

function secretAdvice(path: readonly PropertyKey[]): string {
  const field = String(path.at(-1) ?? 'secreto').replace(/(File)?$/, 'File');
  return `la ruta de un fichero legible solo por el usuario del cajero (por ejemplo ${field}), nunca el secreto`;
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem[] {
  const path = dotted(issue.path);
  const input = 'input' in issue ? issue.input : undefined;
  const found = input === undefined ? 'falta' : `valor ${show(input)}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: dotted([...issue.path, key]),
        found: 'campo desconocido',
        expected: 'que se quite o se corrija su nombre',
      }));
    case 'invalid_type':
      return [{ path, found, expected: typeName(issue.expected) }];
    case 'invalid_value':
      return [{ path, found, expected: oneOf(issue.values) }];
    case 'invalid_union': {
      // A discriminated union names its discriminator and options on the issue (zod 4).
      const union = issue as { discriminator?: unknown; options?: unknown };
      if (typeof union.discriminator === 'string' && Array.isArray(union.options)) {
        const discriminator = union.discriminator;
        const actual = isRecord(input) ? input[discriminator] : undefined;
        return [
          {
            path: dotted(issue.path.at(-1) === discriminator ? issue.path : [...issue.path, discriminator]),
            found: actual === undefined ? 'falta' : `valor ${show(actual)}`,
            expected: oneOf(union.options),
          },
        ];
      }
      return [{ path, found, expected: 'otro valor (revise la documentación del campo)' }];
    }
    case 'too_small':
      return [{ path, found, expected: bound(issue.origin, 'min', Number(issue.minimum), issue.inclusive) }];
    case 'too_big':
      return [{ path, found, expected: bound(issue.origin, 'max', Number(issue.maximum), issue.inclusive) }];
    case 'invalid_format':
      return [{ path, found, expected: formatName(issue.format, issue.message) }];
    default:
      return [{ path, found, expected: issue.message }];
  }
}

function bound(origin: string, side: 'min' | 'max', limit: number, inclusive = true): string {
  const n = inclusive ? limit : side === 'min' ? limit + 1 : limit - 1;
  if (origin === 'string')
    return side === 'min' ? `un texto de al menos ${n} caracteres` : `un texto de como mucho ${n} caracteres`;
  if (origin === 'array') {
    const items = n === 1 ? 'elemento' : 'elementos';
    return side === 'min' ? `al menos ${n} ${items}` : `como mucho ${n} ${items}`;
  }
  return side === 'min' ? `un número mayor o igual que ${n}` : `un número menor o igual que ${n}`;
}

function formatName(format: string, message: string): string {
  if (format === 'url') return 'una URL (https://…)';
  if (format === 'regex') return message;
  return `el formato ${format}`;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'un texto',
  number: 'un número',
  int: 'un número entero',
  boolean: 'true o false',
  object: 'un objeto { … }',
  array: 'una lista [ … ]',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map(show);
  return shown.length === 1 ? shown[0]! : `uno de ${shown.slice(0, -1).join(', ')} o ${shown.at(-1)}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function dotted(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(raíz)';
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = String(part);
      // A key a person could not have meant as a field name is quoted, so the line stays one line.
      if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
