/**
 * A throw-away DNIe-like certificate hierarchy generated at run time (never committed): test
 * "AC RAIZ DNIE" → "AC DNIE 004" → the citizen's authentication and signing certificates, with the
 * subject RDNs and policy OIDs of dnie.md §3 and §7. Keys are RSA-2048 made with WebCrypto; the private
 * keys stay in memory (a later session uses the citizen keys for PSO CDS).
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

type CryptoKey = webcrypto.CryptoKey;
const crypto = webcrypto;
const engine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: crypto as unknown as pkijs.CryptoEngineParameters['crypto'],
});

/** dnie.md §7. */
export const POLICY_AUTHENTICATION = '2.16.724.1.2.2.2.4';
export const POLICY_SIGNATURE = '2.16.724.1.2.2.2.3';

const OID = {
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  certificatePolicies: '2.5.29.32',
  subjectDirectoryAttributes: '2.5.29.9',
  dateOfBirth: '1.3.6.1.5.5.7.9.1',
} as const;

export interface Identity {
  /** DNI number with letter, e.g. 99999002Q (a specimen number, not a person's). */
  readonly dni: string;
  readonly givenName: string;
  /** Both surnames. */
  readonly surnames: string;
}

export interface IssuedCertificate {
  readonly der: Uint8Array;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

export interface TestPki {
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
  readonly authentication: IssuedCertificate;
  readonly signature: IssuedCertificate;
}

const RSA: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

export type Rdn = readonly [oid: string, value: string, kind: 'printable' | 'utf8'];

/** One RDN SET per attribute (pkijs alone would put them all in one multi-valued SET). */
export function name(rdns: readonly Rdn[]): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: rdns.map(
      ([type, value, kind]) =>
        new asn1js.Set({
          value: [
            new pkijs.AttributeTypeAndValue({
              type,
              value:
                kind === 'printable'
                  ? new asn1js.PrintableString({ value })
                  : new asn1js.Utf8String({ value }),
            }).toSchema(),
          ],
        }),
    ),
  });
  const parsed = asn1js.fromBER(sequence.toBER(false));
  return new pkijs.RelativeDistinguishedNames({ schema: parsed.result });
}

const DGP: readonly Rdn[] = [
  [OID.country, 'ES', 'printable'],
  [OID.organization, 'DIRECCION GENERAL DE LA POLICIA', 'utf8'],
  [OID.organizationalUnit, 'DNIE', 'utf8'],
];

function keyUsage(bits: number): pkijs.Extension {
  // bit 0 digitalSignature (0x80), 1 nonRepudiation (0x40), 5 keyCertSign (0x04), 6 cRLSign (0x02).
  const value = new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: 1 });
  return new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: value.toBER(false) });
}

function basicConstraints(ca: boolean): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.basicConstraints,
    critical: true,
    extnValue: new pkijs.BasicConstraints({ cA: ca }).toSchema().toBER(false),
  });
}

function policies(oid: string): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.certificatePolicies,
    extnValue: new pkijs.CertificatePolicies({
      certificatePolicies: [new pkijs.PolicyInformation({ policyIdentifier: oid })],
    })
      .toSchema()
      .toBER(false),
  });
}

export async function issue(options: {
  modulusLength?: number;
  subject: readonly Rdn[];
  issuer: readonly Rdn[];
  issuerKey: CryptoKey | undefined;
  serial: number;
  notBefore: Date;
  notAfter: Date;
  extensions: pkijs.Extension[];
}): Promise<IssuedCertificate> {
  const keys = (await crypto.subtle.generateKey(
    { ...RSA, modulusLength: options.modulusLength ?? 2048 },
    true,
    ['sign', 'verify'],
  )) as webcrypto.CryptoKeyPair;
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: options.serial });
  certificate.subject = name(options.subject);
  certificate.issuer = name(options.issuer);
  certificate.notBefore.value = options.notBefore;
  certificate.notAfter.value = options.notAfter;
  certificate.extensions = options.extensions;
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  await certificate.sign(options.issuerKey ?? keys.privateKey, 'SHA-256', engine);
  return {
    der: new Uint8Array(certificate.toSchema(true).toBER(false)),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
  };
}

/**
 * Subject Directory Attributes (RFC 5280 §4.2.1.8) with dateOfBirth (1.3.6.1.5.5.7.9.1, RFC 3739
 * §3.2.2): the DNIe signing-certificate specimen carries a GeneralizedTime there (dnie.md §3).
 */
function dateOfBirth(date: Date): pkijs.Extension {
  const attribute = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.dateOfBirth }),
      new asn1js.Set({ value: [new asn1js.GeneralizedTime({ valueDate: date })] }),
    ],
  });
  return new pkijs.Extension({
    extnID: OID.subjectDirectoryAttributes,
    extnValue: new asn1js.Sequence({ value: [attribute] }).toBER(false),
  });
}

export interface CitizenOptions {
  /**
   * The CA that issues the citizen certificates: one per run shared by every card (so one set of anchors
   * and one OCSP responder serve them all). Absent: a fresh root and intermediate for this card alone.
   */
  readonly ca?: DnieCa;
  /** Serial numbers of the authentication and signing certificates; unique under a shared CA. */
  readonly serials?: { readonly authentication: number; readonly signature: number };
  /** Validity of the citizen certificates (default: a year ago until four years ahead). */
  readonly citizenValidity?: { readonly notBefore: Date; readonly notAfter: Date };
  /** The holder's birth date, written in the signing certificate (dnie.md §3). */
  readonly birthDate?: Date;
}

/** The DNIe CA hierarchy without a citizen: "AC RAIZ DNIE" and the issuing "AC DNIE 004". */
export interface DnieCa {
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
}

const YEAR = 365 * 24 * 3600 * 1000;
const ROOT_NAME: readonly Rdn[] = [...DGP, [OID.commonName, 'AC RAIZ DNIE (PRUEBAS)', 'utf8']];
const INTERMEDIATE_NAME: readonly Rdn[] = [...DGP, [OID.commonName, 'AC DNIE 004 (PRUEBAS)', 'utf8']];

/** A fresh test root and issuing CA, valid five years either side of `now`. */
export async function createDnieCa(now: Date = new Date()): Promise<DnieCa> {
  const from = new Date(now.getTime() - 5 * YEAR);
  const until = new Date(now.getTime() + 5 * YEAR);
  const rootName = ROOT_NAME;
  const intermediateName = INTERMEDIATE_NAME;
  const root = await issue({
    subject: rootName,
    issuer: rootName,
    issuerKey: undefined,
    serial: 1,
    notBefore: from,
    notAfter: until,
    extensions: [basicConstraints(true), keyUsage(0x06)],
  });
  const intermediate = await issue({
    subject: intermediateName,
    issuer: rootName,
    issuerKey: root.privateKey,
    serial: 2,
    notBefore: from,
    notAfter: until,
    extensions: [basicConstraints(true), keyUsage(0x06)],
  });
  return { root, intermediate };
}

/** `now` comes in so validity is deterministic relative to the test clock. */
export async function createTestPki(
  identity: Identity,
  now: Date,
  options: CitizenOptions = {},
): Promise<TestPki> {
  const citizenFrom = options.citizenValidity?.notBefore ?? new Date(now.getTime() - YEAR);
  const citizenUntil = options.citizenValidity?.notAfter ?? new Date(now.getTime() + 4 * YEAR);
  const { root, intermediate } = options.ca ?? (await createDnieCa(now));
  const intermediateName = INTERMEDIATE_NAME;
  const citizen = (purpose: string): Rdn[] => [
    [OID.country, 'ES', 'printable'],
    [OID.serialNumber, identity.dni, 'printable'],
    [OID.surname, identity.surnames, 'utf8'],
    [OID.givenName, identity.givenName, 'utf8'],
    [OID.commonName, `${identity.surnames}, ${identity.givenName} (${purpose})`, 'utf8'],
  ];
  const authentication = await issue({
    subject: citizen('AUTENTICACIÓN'),
    issuer: intermediateName,
    issuerKey: intermediate.privateKey,
    serial: options.serials?.authentication ?? 0x1001,
    notBefore: citizenFrom,
    notAfter: citizenUntil,
    extensions: [keyUsage(0x80), policies(POLICY_AUTHENTICATION)],
  });
  const signature = await issue({
    subject: citizen('FIRMA'),
    issuer: intermediateName,
    issuerKey: intermediate.privateKey,
    serial: options.serials?.signature ?? 0x1002,
    notBefore: citizenFrom,
    notAfter: citizenUntil,
    extensions: [
      keyUsage(0x40),
      policies(POLICY_SIGNATURE),
      ...(options.birthDate === undefined ? [] : [dateOfBirth(options.birthDate)]),
    ],
  });
  return { root, intermediate, authentication, signature };
}
