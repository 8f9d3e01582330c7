/**
 * Admin commands behind `node central/main.ts admin …`: create the kiosk CA, enrol a kiosk (issue its
 * client certificate and record the fingerprint) and revoke it, make a demo seal, set a municipality's
 * texts. Key files are written with mode 0600
 * into folders that carry a `.gitignore` of `*`, so they are never committed by accident.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../db/index.ts';
import { CentralConfigError } from './config-error.ts';
import {
  type CaMaterial,
  createKioskCa,
  createSealCredential,
  type IssuedCredential,
  issueKioskCertificate,
  issueServerCertificate,
  loadCa,
  type Validity,
} from './kiosk-ca.ts';
import { type MunicipalityTextos, parseTextosFile, setTextos } from './textos.ts';

export const PKI_FILES = {
  caCertificate: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCertificate: 'server.pem',
  serverKey: 'server-key.pem',
} as const;

const DAY_MS = 86_400_000;
const KIOSK_ID = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
const INE_CODE = /^[0-9]{5}$/;

function validity(now: Date, days: number): Validity {
  // An hour of slack before now: a kiosk whose clock runs a little behind still accepts the certificate.
  return {
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + days * DAY_MS),
    serial: new Uint8Array(randomBytes(16)),
  };
}

function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ignore = path.join(dir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# keys and certificates: never commit\n*\n');
}

function writeKey(file: string, pem: string, exclusive: boolean): void {
  writeFileSync(file, pem, { mode: 0o600, flag: exclusive ? 'wx' : 'w' });
  chmodSync(file, 0o600); // mode applies only when the file is created
}

export interface PkiFiles {
  readonly caCertificatePem: string;
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
}

/**
 * Creates the kiosk CA and central's server certificate (for `hosts`, DNS names or IPv4 addresses) in
 * `dir`. Refuses when a CA key is already there: replacing it would orphan every enrolled kiosk.
 */
export async function initCa(dir: string, hosts: readonly string[], now: Date): Promise<void> {
  privateFolder(dir);
  if (existsSync(path.join(dir, PKI_FILES.caKey))) {
    throw new CentralConfigError('central_pki.already_exists', `${path.join(dir, PKI_FILES.caKey)} exists`);
  }
  const ca = await createKioskCa('cajero central kiosk CA', validity(now, 3_650));
  const material = await loadCa(ca.certificatePem, ca.keyPem);
  const server = await issueServerCertificate(material, hosts, validity(now, 825));
  writeKey(path.join(dir, PKI_FILES.caKey), ca.keyPem, true);
  writeFileSync(path.join(dir, PKI_FILES.caCertificate), ca.certificatePem);
  writeKey(path.join(dir, PKI_FILES.serverKey), server.keyPem, false);
  writeFileSync(path.join(dir, PKI_FILES.serverCertificate), server.certificatePem);
}

function read(dir: string, file: string): string {
  try {
    return readFileSync(path.join(dir, file), 'utf8');
  } catch (error) {
    throw new CentralConfigError(
      'central_pki.files_missing',
      `${path.join(dir, file)}: ${(error as NodeJS.ErrnoException).code}; run "admin init-ca" first`,
      { cause: error },
    );
  }
}

/** What the kiosk listener needs: server certificate and key, and the kiosk CA to check clients. */
export function readPkiFiles(dir: string): PkiFiles {
  return {
    caCertificatePem: read(dir, PKI_FILES.caCertificate),
    serverCertificatePem: read(dir, PKI_FILES.serverCertificate),
    serverKeyPem: read(dir, PKI_FILES.serverKey),
  };
}

export async function readCa(dir: string): Promise<CaMaterial> {
  return loadCa(read(dir, PKI_FILES.caCertificate), read(dir, PKI_FILES.caKey));
}

export interface EnrolRequest {
  readonly kioskId: string;
  readonly municipality: string;
  readonly now: Date;
}

/**
 * Issues the kiosk's certificate and records its fingerprint (a re-enrolment replaces the previous
 * certificate, which stops working at once, and lifts a revocation). The municipality must exist.
 */
export async function enrolKiosk(
  db: Queryable,
  ca: CaMaterial,
  request: EnrolRequest,
): Promise<IssuedCredential> {
  if (!KIOSK_ID.test(request.kioskId)) {
    throw new CentralConfigError(
      'central_admin.usage',
      'kiosk id: 3-32 of A-Z, 0-9 and -, starting with a letter or digit',
    );
  }
  if (!INE_CODE.test(request.municipality)) {
    throw new CentralConfigError('central_admin.usage', 'municipality: the 5-digit INE code');
  }
  const { rows } = await db.query('SELECT 1 FROM municipalities WHERE ine_code = $1', [request.municipality]);
  if (rows.length === 0)
    throw new CentralConfigError('central_admin.municipality_unknown', request.municipality);
  const issued = await issueKioskCertificate(
    ca,
    { kioskId: request.kioskId, municipality: request.municipality },
    validity(request.now, 825),
  );
  await db.query(
    `INSERT INTO kiosks (id, municipality_code, certificate_fingerprint, status, enrolled_at)
     VALUES ($1, $2, $3, 'enrolled', $4)
     ON CONFLICT (id) DO UPDATE SET municipality_code = EXCLUDED.municipality_code,
       certificate_fingerprint = EXCLUDED.certificate_fingerprint, status = 'enrolled',
       enrolled_at = EXCLUDED.enrolled_at, revoked_at = NULL`,
    [request.kioskId, request.municipality, issued.fingerprint, request.now],
  );
  return issued;
}

/** Writes `<kioskId>.pem` and `<kioskId>-key.pem` (0600) into `dir`; returns their paths. */
export function writeKioskCredential(dir: string, kioskId: string, issued: IssuedCredential): string[] {
  privateFolder(dir);
  const certificate = path.join(dir, `${kioskId}.pem`);
  const key = path.join(dir, `${kioskId}-key.pem`);
  writeFileSync(certificate, issued.certificatePem);
  writeKey(key, issued.keyPem, false);
  return [certificate, key];
}

/** Marks the kiosk revoked: its next request is refused. */
export async function revokeKiosk(db: Queryable, kioskId: string, now: Date): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE kiosks SET status = 'revoked', revoked_at = greatest($2::timestamptz, enrolled_at)
     WHERE id = $1 AND status = 'enrolled'`,
    [kioskId, now],
  );
  if (rowCount === 0) {
    const { rows } = await db.query('SELECT 1 FROM kiosks WHERE id = $1', [kioskId]);
    if (rows.length === 0) throw new CentralConfigError('central_admin.kiosk_unknown', kioskId);
  }
}

/** Seal files of a municipality in the PKI folder (central/citizen/seal.ts reads them). */
export function sealFileNames(ineCode: string): { readonly certificate: string; readonly key: string } {
  return { certificate: `seal-${ineCode}.pem`, key: `seal-${ineCode}-key.pem` };
}

/**
 * `admin seal`: a self-signed DEMO seal certificate and key for a municipality already in the
 * database, written to `dir` (key 0600). Refuses to replace an existing seal key: volantes sealed with
 * it would stop verifying against the configured certificate. A real municipality installs the
 * certificate and key of its qualified sello de órgano under the same names instead.
 */
export async function createDemoSeal(
  db: Queryable,
  dir: string,
  ineCode: string,
  now: Date,
): Promise<{ readonly files: string[]; readonly fingerprint: string }> {
  if (!INE_CODE.test(ineCode)) throw new CentralConfigError('central_admin.usage', `INE code ${ineCode}`);
  const { rows } = await db.query<{ name: string }>('SELECT name FROM municipalities WHERE ine_code = $1', [
    ineCode,
  ]);
  const municipality = rows[0];
  if (municipality === undefined) throw new CentralConfigError('central_admin.municipality_unknown', ineCode);
  privateFolder(dir);
  const names = sealFileNames(ineCode);
  const keyFile = path.join(dir, names.key);
  if (existsSync(keyFile)) throw new CentralConfigError('central_pki.seal_exists', `${keyFile} exists`);
  const seal = await createSealCredential({ ineCode, name: municipality.name }, validity(now, 3 * 365));
  writeKey(keyFile, seal.keyPem, true);
  const certificateFile = path.join(dir, names.certificate);
  writeFileSync(certificateFile, seal.certificatePem);
  return { files: [certificateFile, keyFile], fingerprint: seal.fingerprint };
}

/**
 * `admin textos`: sets the texts of a municipality from the text of a `textos.json` (any of
 * avisoPrivacidad, pieVolante, oficinaAtencion; `null` clears one; the others keep their value). The
 * whole file is checked before anything is written, and written in one statement: a refused file
 * changes nothing. Answers the texts now stored.
 */
export async function updateMunicipalityTextos(
  db: Queryable,
  ineCode: string,
  fileText: string,
): Promise<MunicipalityTextos> {
  if (!INE_CODE.test(ineCode)) throw new CentralConfigError('central_admin.usage', `INE code ${ineCode}`);
  return setTextos(db, ineCode, parseTextosFile(fileText));
}
