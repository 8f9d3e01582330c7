/**
 * `central serve --config FILE`: a small JSON file, validated before anything starts. Relative paths are
 * read from the configuration file's folder. Without `database.url`, central runs on PGlite in
 * `database.pgliteDir` (the embedded default, no server needed).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CentralConfigError } from './config-error.ts';

const listener = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.number().int().min(0).max(65_535),
});

const configSchema = z.strictObject({
  database: z
    .union([
      z.strictObject({ url: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// URL') }),
      z.strictObject({ pgliteDir: z.string().min(1) }),
    ])
    .default({ pgliteDir: 'data/central' }),
  /** Mutual-TLS listener for kiosks (sync API). */
  kioskListener: listener.default({ host: '127.0.0.1', port: 8443 }),
  /** Plain HTTP listener for the public verification page (put the sede's HTTPS proxy in front). */
  publicListener: listener.default({ host: '127.0.0.1', port: 8080 }),
  /** Folder of the kiosk CA and the server certificate, as `admin init-ca` writes them. */
  pkiDir: z.string().min(1).default('pki'),
  /** Largest request body accepted, bytes. */
  bodyLimitBytes: z
    .number()
    .int()
    .min(1_024)
    .max(16 * 1_048_576)
    .default(1_048_576),
  /** Most events in one sync batch. */
  maxBatchEvents: z.number().int().min(1).max(10_000).default(500),
  /** The DNIe access protocol and volantes; without it the citizen routes answer 503. */
  citizenAccess: z
    .strictObject({
      /** Folder of the DNIe CA certificates: self-signed ones are the anchors, the rest intermediates. */
      anchorsDir: z.string().min(1),
      /** The OCSP responder central asks (not the certificate's AIA: central decides whom it trusts). */
      ocspUrl: z.string().regex(/^https?:\/\/\S+$/, 'an http(s):// URL'),
      ocspTimeoutMs: z.number().int().min(100).max(30_000).default(3_000),
      /** When the responder cannot answer: refuse (default) or issue and log a warning. */
      ocspFailurePolicy: z.enum(['fail-closed', 'allow-with-log']).default('fail-closed'),
      challengeTtlSeconds: z.number().int().min(10).max(600).default(120),
      /** How long after the preview the citizen can confirm and get the volante issued. */
      grantTtlSeconds: z.number().int().min(30).max(1_800).default(300),
      /** Validity printed on a volante (practice: 3 months; spanish-formats.md §4 [VERIFY]). */
      volanteValidityMonths: z.number().int().min(1).max(12).default(3),
    })
    .optional(),
});

export type CentralConfig = z.infer<typeof configSchema>;

/** Parses a configuration object; paths stay as written. Throws `CentralConfigError`. */
export function parseCentralConfig(value: unknown): CentralConfig {
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new CentralConfigError('central_config.invalid', issues.join('; '));
  }
  return result.data;
}

/** Reads and validates FILE, resolving its relative paths against FILE's folder. */
export function loadCentralConfig(file: string): CentralConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CentralConfigError(
      'central_config.unreadable',
      `${file}: ${(error as NodeJS.ErrnoException).code}`,
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CentralConfigError('central_config.invalid', `${file}: not JSON (${(error as Error).message})`);
  }
  const config = parseCentralConfig(json);
  const base = path.dirname(path.resolve(file));
  return {
    ...config,
    pkiDir: path.resolve(base, config.pkiDir),
    ...(config.citizenAccess === undefined
      ? {}
      : {
          citizenAccess: {
            ...config.citizenAccess,
            anchorsDir: path.resolve(base, config.citizenAccess.anchorsDir),
          },
        }),
    database:
      'pgliteDir' in config.database
        ? { pgliteDir: path.resolve(base, config.database.pgliteDir) }
        : config.database,
  };
}
