/** `central serve`: open the database, migrate, start both listeners; `close()` stops them in order. */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import {
  type CitizenAccess,
  certificateFingerprint,
  createCitizenAccess,
  loadTrustAnchors,
  readSealKey,
  type SealKey,
} from '../citizen/index.ts';
import { type Database, migrate, openPglite, openPostgres } from '../db/index.ts';
import { readPkiFiles } from './admin.ts';
import type { CentralConfig } from './config.ts';
import { buildKioskApp, buildPublicApp } from './server.ts';

export interface RunningCentral {
  /** `https://host:port` of the kiosk (mutual-TLS) listener. */
  readonly kioskUrl: string;
  /** `http://host:port/verificar`: the public verification page. */
  readonly verificationUrl: string;
  readonly db: Database;
  close(): Promise<void>;
}

export async function openConfiguredDatabase(config: CentralConfig, logger: Logger): Promise<Database> {
  if ('url' in config.database) {
    return openPostgres({
      connectionString: config.database.url,
      onIdleError: (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'),
    });
  }
  return openPglite({ dataDir: config.database.pgliteDir });
}

function urlOf(scheme: 'http' | 'https', address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return `${scheme}://${String(address)}`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

/** The seal of every municipality that has one in the PKI folder (`seal-INE.pem`, `seal-INE-key.pem`). */
async function readSeals(db: Database, pkiDir: string): Promise<Map<string, SealKey>> {
  const { rows } = await db.query<{ ine_code: string }>('SELECT ine_code FROM municipalities');
  const seals = new Map<string, SealKey>();
  for (const { ine_code } of rows) {
    const seal = await readSealKey(pkiDir, ine_code);
    if (seal !== undefined) seals.set(ine_code, seal);
  }
  return seals;
}

export async function startCentral(
  config: CentralConfig,
  logger: Logger,
  db?: Database,
): Promise<RunningCentral> {
  const pki = readPkiFiles(config.pkiDir);
  const database = db ?? (await openConfiguredDatabase(config, logger));
  try {
    const report = await migrate(database);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'migrations applied');
    const seals = await readSeals(database, config.pkiDir);
    const fingerprints = new Map(
      [...seals].map(([ine, seal]) => [ine, certificateFingerprint(seal.certificateDer)]),
    );
    const access = config.citizenAccess;
    let citizen: CitizenAccess | undefined;
    if (access !== undefined) {
      citizen = createCitizenAccess({
        db: database,
        logger,
        trust: loadTrustAnchors(access.anchorsDir),
        ocspUrl: access.ocspUrl,
        ocspTimeoutMs: access.ocspTimeoutMs,
        ocspFailurePolicy: access.ocspFailurePolicy,
        challengeTtlMs: access.challengeTtlSeconds * 1_000,
        grantTtlMs: access.grantTtlSeconds * 1_000,
        volanteValidityMonths: access.volanteValidityMonths,
        sealOf: (ine) => seals.get(ine),
        random: (size) => new Uint8Array(randomBytes(size)),
      });
      logger.info({ sealed: [...seals.keys()], ocsp: access.ocspFailurePolicy }, 'citizen access enabled');
    }
    const options = {
      db: database,
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      maxBatchEvents: config.maxBatchEvents,
      ...(citizen === undefined ? {} : { citizen }),
      sealFingerprintOf: (ine: string) => fingerprints.get(ine),
    };
    const kioskApp = buildKioskApp(options, {
      certificatePem: pki.serverCertificatePem,
      keyPem: pki.serverKeyPem,
      kioskCaPem: pki.caCertificatePem,
    });
    const publicApp = buildPublicApp(options);
    await kioskApp.listen(config.kioskListener);
    try {
      await publicApp.listen(config.publicListener);
    } catch (error) {
      await kioskApp.close();
      throw error;
    }
    return {
      kioskUrl: urlOf('https', kioskApp.server.address()),
      verificationUrl: `${urlOf('http', publicApp.server.address())}/verificar`,
      db: database,
      async close() {
        await Promise.all([kioskApp.close(), publicApp.close()]);
        if (db === undefined) await database.close();
      },
    };
  } catch (error) {
    if (db === undefined) await database.close();
    throw error;
  }
}
