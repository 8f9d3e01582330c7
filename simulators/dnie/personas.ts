/**
 * Ready-made cards. ATRs are the real ones quoted in dnie.md §1; the file tree follows dnie.md §3 with
 * contents generated at run time (test PKI, no private key ever written to disk).
 */
import { DnieCard } from './card/dnie-card.ts';
import { compressCertificate } from './card/compressed-certificate.ts';
import { type DedicatedFile, df, ef, FILE_TYPE, MF_NAME } from './card/file-system.ts';
import { DnieSimError } from './errors.ts';
import { KeyObject, type webcrypto } from 'node:crypto';
import { type CwaCardState, installCwa } from './cwa/cwa-card.ts';
import { type ComponentPki, createComponentPki } from './pki/component-pki.ts';
import {
  type CitizenOptions,
  createTestPki,
  type DnieCa,
  type Identity,
  type TestPki,
} from './pki/test-pki.ts';

function bytes(hexText: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hexText.replace(/\s+/g, ''), 'hex'));
}

/** dnie.md §1: DNIe 3.0 contact ATR (Infineon SLE78, OS 04 21, user phase). */
export const ATR_DNIE3 = bytes('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 03 90 00');
/** dnie.md §1: DNIe 2.0 contact ATR (ST 19WL34, OS 01 13). */
export const ATR_DNIE2 = bytes('3B 7F 38 00 00 00 6A 44 4E 49 65 10 02 4C 34 01 13 03 90 00');
/** dnie.md §1/§9: the 3.0 ATR with the final-phase ("burnt") tail 0F 65 81. */
export const ATR_DNIE3_BURNT = bytes('3B 7F 96 00 00 00 6A 44 4E 49 65 10 01 01 55 04 21 0F 65 81');
/** Not a DNIe: a JCOP-style T=1 Java Card ATR (ISO 7816-3 well-formed, with TCK). */
export const ATR_OTHER_CARD = bytes('3B F8 13 00 00 81 31 FE 45 4A 43 4F 50 76 32 34 31 B7');

/** PKCS#15 application DF name (ISO 7816-15 AID); that the DNIe's 5015 carries it is an assumption. */
const PKCS15_AID = bytes('A0 00 00 00 63 50 4B 43 53 2D 31 35');

export const PERSONAS = [
  'adult',
  'adult-dnie2',
  'burnt',
  'other-card',
  'expired',
  'revoked',
  'blocked-pin',
  'minor',
] as const;

const YEAR = 365.25 * 24 * 3600 * 1000;

/** The PIN of every persona unless `pin` says otherwise (8–16 characters, dnie.md §5). */
export const DEFAULT_PIN = 'PRUEBA2026';
/** Birth date of the adult personas (written in the signing certificate, dnie.md §3). */
export const ADULT_BIRTH_DATE = new Date('1980-04-10T12:00:00Z');
export type PersonaName = (typeof PERSONAS)[number];

/** A specimen-like identity (the DNI number is the specimen's, not a person's). */
export const ADULT_IDENTITY: Identity = {
  dni: '99999002Q',
  givenName: 'MARÍA',
  surnames: 'ESPAÑOL ESPECIMEN',
};

/**
 * The minor persona's own identity (a specimen-range number, not a person's): María's daughter, whose
 * surnames are her father's first and her mother's first, as Spanish custom has it.
 */
export const MINOR_IDENTITY: Identity = {
  dni: '99999003V',
  givenName: 'LUCÍA',
  surnames: 'GARCÍA ESPAÑOL',
};

/**
 * Who holds each card: every card but the minor's is one of María's (her current DNIe 3.0, her old
 * 2.0, a burnt one, an expired one, a revoked one, one with the PIN blocked), so the padrón has two
 * people for eight cards. The minor's birth date is 16 years before `now` (under 18 at any run).
 */
export function citizenOf(
  name: PersonaName,
  now: Date = new Date(),
): { identity: Identity; birthDate: Date; sex: 'female' | 'male' } | undefined {
  if (name === 'other-card') return undefined;
  if (name === 'minor')
    return { identity: MINOR_IDENTITY, birthDate: new Date(now.getTime() - 16 * YEAR), sex: 'female' };
  return { identity: ADULT_IDENTITY, birthDate: ADULT_BIRTH_DATE, sex: 'female' };
}

/**
 * Serial numbers of a card's authentication and signing certificates, distinct for every persona so that
 * one CA can issue them all and an OCSP responder can revoke one card and not the others.
 */
export function personaSerials(name: PersonaName): { authentication: number; signature: number } {
  const base = 0x1000 + 0x10 * PERSONAS.indexOf(name);
  return { authentication: base + 1, signature: base + 2 };
}

export interface Persona {
  readonly name: PersonaName;
  readonly card: DnieCard;
  /** The certificates and keys behind the files (undefined for the non-DNIe card). */
  readonly pki: TestPki | undefined;
  readonly identity: Identity | undefined;
  /** IDESP (3F00/0006). */
  readonly idesp: string | undefined;
  /** The chip keys and the terminal chain the card accepts (shared across personas when given). */
  readonly components: ComponentPki | undefined;
  /** PIN, tries and SM state of the card side; faults (wrong MAC) are set here. */
  readonly cwa: CwaCardState | undefined;
  readonly pin: string | undefined;
  /** What the signing certificate says (the minor persona is under 18 at `now`). */
  readonly birthDate: Date | undefined;
  /**
   * What an OCSP responder should answer for this card's certificates: the revoked persona's are
   * revoked (the test builds the OCSP response; simulators do not import drivers/pki/testing).
   */
  readonly revocation: 'good' | 'revoked';
}

export interface PersonaOptions {
  readonly now?: Date;
  readonly maxReadChunk?: number;
  readonly getResponseChunk?: number;
  /** Reuse one chip/terminal PKI for several cards, so one terminal configuration fits them all. */
  readonly components?: ComponentPki;
  /** Reuse one DNIe CA for several cards, so one set of trust anchors and one OCSP responder fit them all. */
  readonly ca?: DnieCa;
  readonly pin?: string;
}

export async function createPersona(name: PersonaName, options: PersonaOptions = {}): Promise<Persona> {
  if (!PERSONAS.includes(name)) throw new DnieSimError('dnie_sim.setup_invalid', `unknown persona "${name}"`);
  const cardOptions = {
    serial: bytes('01 02 03 04 05 06 07'),
    ...(options.maxReadChunk === undefined ? {} : { maxReadChunk: options.maxReadChunk }),
    ...(options.getResponseChunk === undefined ? {} : { getResponseChunk: options.getResponseChunk }),
  };
  if (name === 'other-card') {
    const card = new DnieCard({ ...cardOptions, atr: ATR_OTHER_CARD, mf: df(0x3f00, []) });
    return {
      name,
      card,
      pki: undefined,
      identity: undefined,
      idesp: undefined,
      components: undefined,
      cwa: undefined,
      pin: undefined,
      birthDate: undefined,
      revocation: 'good',
    };
  }
  const now = options.now ?? new Date();
  const { identity, birthDate } = citizenOf(name, now)!;
  const citizen: CitizenOptions = {
    birthDate,
    serials: personaSerials(name),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(name === 'expired'
      ? {
          citizenValidity: {
            notBefore: new Date(now.getTime() - 6 * YEAR),
            notAfter: new Date(now.getTime() - 30 * 24 * 3600 * 1000),
          },
        }
      : {}),
  };
  const [pki, components] = await Promise.all([
    createTestPki(identity, now, citizen),
    options.components === undefined ? createComponentPki(now) : Promise.resolve(options.components),
  ]);
  const idesp = 'BMP100001';
  const dnie2 = name === 'adult-dnie2';
  const atr = name === 'burnt' ? ATR_DNIE3_BURNT : dnie2 ? ATR_DNIE2 : ATR_DNIE3;
  const card = new DnieCard({ ...cardOptions, atr, mf: dnieFileSystem(pki, idesp, dnie2, components) });
  const pin = options.pin ?? DEFAULT_PIN;
  const key = (k: unknown): KeyObject => KeyObject.from(k as webcrypto.CryptoKey);
  const cwa = installCwa(card, {
    pki: components,
    macLength: dnie2 ? 4 : 8,
    pinPerSignature: !dnie2,
    pin,
    pinTries: name === 'blocked-pin' ? 0 : 3,
    signingKeys: new Map([
      [1, key(pki.authentication.privateKey)],
      [2, key(pki.signature.privateKey)],
    ]),
  });
  return {
    name,
    card,
    pki,
    identity,
    idesp,
    components,
    cwa,
    pin,
    birthDate,
    revocation: name === 'revoked' ? 'revoked' : 'good',
  };
}

/**
 * dnie.md §3 table. User certificates need the PIN on DNIe 1.x/2.0 and not on 3.0/4.0; 601F/6020 hold the
 * component certificates of the CWA-14890 channel. Not built here yet:
 * the PKCS#15 DFs' contents (ODF, TokenInfo, PrKDF, CDF).
 */
export function dnieFileSystem(
  pki: TestPki,
  idesp: string,
  dnie2: boolean,
  components?: ComponentPki,
): DedicatedFile {
  const text = (value: string): Uint8Array => new TextEncoder().encode(value);
  const userRead = dnie2 ? 'pin' : 'free';
  return df(
    0x3f00,
    [
      ef(0x0006, text(idesp)),
      ef(0x2f03, text('DNIe virtual cajero 1.0')),
      ef(0x0000, new Uint8Array(8), FILE_TYPE.key, 'never'),
      ...(components === undefined ? [] : [ef(0x601f, components.iccDer), ef(0x6020, components.iccCaDer)]),
      df(0x5015, [], PKCS15_AID),
      df(0x6081, [
        ef(0x7004, compressCertificate(pki.authentication.der), FILE_TYPE.compressedCertificate, userRead),
        ef(0x7005, compressCertificate(pki.signature.der), FILE_TYPE.compressedCertificate, userRead),
      ]),
      df(0x6061, [ef(0x7006, pki.intermediate.der)]),
      df(0x3f11, [
        ef(0x0101, new Uint8Array(16), FILE_TYPE.key, 'never'),
        ef(0x0102, new Uint8Array(16), FILE_TYPE.key, 'never'),
      ]),
    ],
    MF_NAME,
  );
}
