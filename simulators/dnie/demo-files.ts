/**
 * What the virtual DNIe writes for the others of the demo, since its CA is made fresh each run and its
 * keys never leave the process: the run's CA certificates (public parts, PEM) for central's
 * `citizenAccess.anchorsDir` and the kiosk's `devices.cardReader.trustAnchorsDir`, and the people behind
 * its cards for central's padrón seed (`central/padron/seed-main.ts --personas`). Each file is written
 * whole and renamed into place, so a reader never sees half of one.
 */
import { KeyObject, type webcrypto } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type OcspResponder, startOcspResponder } from '../ocsp/index.ts';
import { citizenOf, PERSONAS, type PersonaName, personaSerials } from './personas.ts';
import type { DnieCa } from './pki/test-pki.ts';

/** The anchors folder's files: the self-signed root is the anchor, the issuing CA an intermediate. */
export const ANCHOR_FILES = { root: 'ac-raiz-dnie.pem', intermediate: 'ac-dnie-004.pem' } as const;

/** One person of the personas file, with the cards of theirs the simulator can insert. */
export interface PersonaRecord {
  readonly dni: string;
  readonly givenName: string;
  /** Both surnames, as the certificate writes them (first then second, one space). */
  readonly surnames: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: 'female' | 'male';
  readonly cards: readonly PersonaName[];
}

function pem(der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

async function writeWhole(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o644 });
  await rename(temporary, file);
}

/** Writes the CA certificates into `dir` (created if needed); returns the paths. */
export async function writeAnchors(dir: string, ca: DnieCa): Promise<string[]> {
  const root = path.join(dir, ANCHOR_FILES.root);
  const intermediate = path.join(dir, ANCHOR_FILES.intermediate);
  await writeWhole(root, pem(ca.root.der));
  await writeWhole(intermediate, pem(ca.intermediate.der));
  return [root, intermediate];
}

/** The people behind the cards, one record per DNI number, in PERSONAS order. */
export function personaRecords(now: Date = new Date()): PersonaRecord[] {
  const byDni = new Map<string, PersonaRecord>();
  for (const name of PERSONAS) {
    const citizen = citizenOf(name, now);
    if (citizen === undefined) continue;
    const known = byDni.get(citizen.identity.dni);
    byDni.set(citizen.identity.dni, {
      dni: citizen.identity.dni,
      givenName: citizen.identity.givenName,
      surnames: citizen.identity.surnames,
      birthDate: citizen.birthDate.toISOString().slice(0, 10),
      sex: citizen.sex,
      cards: [...(known?.cards ?? []), name],
    });
  }
  return [...byDni.values()];
}

export async function writePersonas(file: string, now: Date = new Date()): Promise<string> {
  await writeWhole(file, `${JSON.stringify(personaRecords(now), null, 2)}\n`);
  return file;
}

/**
 * The run's OCSP responder on 127.0.0.1:`port` (0: any free port): the issuing CA signs its own answers
 * (RFC 6960 §4.2.2.2 allows it; the demo has no delegated responder), the revoked persona's two
 * certificates are revoked (keyCompromise, a month ago) and every other card of this CA is good.
 */
export async function startPersonasOcsp(ca: DnieCa, port = 0): Promise<OcspResponder> {
  const issuer = { der: ca.intermediate.der };
  const responder = await startOcspResponder(
    {
      issuer,
      signer: {
        certificate: issuer,
        privateKey: KeyObject.from(ca.intermediate.privateKey as webcrypto.CryptoKey),
      },
    },
    port,
  );
  const serials = personaSerials('revoked');
  const revokedAt = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  for (const serial of [serials.authentication, serials.signature])
    responder.revokeSerial(serial.toString(16).padStart(6, '0'), revokedAt, 'keyCompromise');
  return responder;
}
