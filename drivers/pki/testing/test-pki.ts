/**
 * A DNIe-shaped test PKI generated at test time (no private key is ever committed): a root like
 * "AC RAIZ DNIE", an issuing CA like "AC DNIE 00n", citizen authentication certificates with the
 * DNIe subject fields and policy (dnie.md §3, §7), a delegated OCSP responder, and broken variants.
 * Production code must not import this folder.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CitizenCertificate, KEY_USAGE_BITS, type KeyUsage, parseCertificate } from '../certificate.ts';
import { toArrayBuffer } from '../der.ts';
import { DNIE_POLICY, OID } from '../oids.ts';
import { algorithmIdentifier, signBytes, type TestSignatureAlgorithm } from './sign.ts';

export interface TestKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function rsaKeyPair(bits: 1024 | 2048 = 1024): TestKeyPair {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

/** Attribute OID and value; C and serialNumber are PrintableString, the rest UTF8String (as on the DNIe). */
export type NameSpec = readonly (readonly [string, string])[];

export interface CertificateSpec {
  readonly subject: NameSpec;
  readonly key: TestKeyPair;
  /** Issuer certificate and key; absent for a self-signed certificate. */
  readonly issuer?: IssuedCertificate;
  readonly serial: number;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Present for CA certificates. */
  readonly ca?: { readonly pathLength?: number };
  /** Set for a basicConstraints extension with cA FALSE (an end entity that says so). */
  readonly endEntityBasicConstraints?: boolean;
  readonly keyUsage?: readonly KeyUsage[];
  readonly extendedKeyUsage?: readonly string[];
  readonly policies?: readonly string[];
  readonly ocspUrl?: string;
  readonly caIssuersUrl?: string;
  readonly signatureAlgorithm?: TestSignatureAlgorithm;
  /** Flip a bit of the signature after signing. */
  readonly corruptSignature?: boolean;
  /** Further extensions, as given. */
  readonly extraExtensions?: readonly pkijs.Extension[];
}

export interface IssuedCertificate {
  readonly der: Uint8Array;
  readonly certificate: CitizenCertificate;
  readonly key: TestKeyPair;
}

function name(spec: NameSpec): pkijs.RelativeDistinguishedNames {
  // One attribute per RDN, as on the DNIe; pkijs would put them all in one SET when building.
  const sequence = new asn1js.Sequence({
    value: spec.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new pkijs.AttributeTypeAndValue({
              type,
              value:
                type === OID.country || type === OID.serialNumber
                  ? new asn1js.PrintableString({ value })
                  : new asn1js.Utf8String({ value }),
            }).toSchema(),
          ],
        }),
    ),
  });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(sequence.toBER()).result });
}

function time(date: Date): pkijs.Time {
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

export function extension(
  extnID: string,
  critical: boolean,
  value: { toSchema(): asn1js.AsnType } | asn1js.AsnType,
) {
  const schema = 'toBER' in value ? value : value.toSchema();
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER() });
}

function keyUsageBits(usages: readonly KeyUsage[]): asn1js.BitString {
  const bits = usages.map((u) => KEY_USAGE_BITS.indexOf(u));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array((highest >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  // DER (X.690 §11.2.2): named bit lists drop trailing zero bits.
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits: 7 - (highest & 7) });
}

function keyIdentifier(publicKey: KeyObject): Uint8Array {
  const spki = new pkijs.PublicKeyInfo({
    schema: asn1js.fromBER(publicKey.export({ type: 'spki', format: 'der' })).result,
  });
  // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value.
  return new Uint8Array(createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest());
}

export function issueCertificate(spec: CertificateSpec): IssuedCertificate {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: spec.serial });
  const issuerName = spec.issuer === undefined ? name(spec.subject) : spec.issuer.certificate.asn1.subject;
  cert.issuer = issuerName;
  cert.subject = name(spec.subject);
  cert.notBefore = time(spec.notBefore);
  cert.notAfter = time(spec.notAfter);
  cert.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({
    schema: asn1js.fromBER(spec.key.publicKey.export({ type: 'spki', format: 'der' })).result,
  });
  const signerKey = spec.issuer === undefined ? spec.key : spec.issuer.key;
  const extensions: pkijs.Extension[] = [];
  if (spec.ca !== undefined) {
    const bc = new pkijs.BasicConstraints(
      spec.ca.pathLength === undefined ? { cA: true } : { cA: true, pathLenConstraint: spec.ca.pathLength },
    );
    extensions.push(extension(OID.basicConstraints, true, bc));
  } else if (spec.endEntityBasicConstraints === true) {
    extensions.push(extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })));
  }
  if (spec.keyUsage !== undefined && spec.keyUsage.length > 0)
    extensions.push(extension(OID.keyUsage, true, keyUsageBits(spec.keyUsage)));
  if (spec.extendedKeyUsage !== undefined)
    extensions.push(
      extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [...spec.extendedKeyUsage] })),
    );
  if (spec.policies !== undefined)
    extensions.push(
      extension(
        OID.certificatePolicies,
        false,
        new pkijs.CertificatePolicies({
          certificatePolicies: spec.policies.map((p) => new pkijs.PolicyInformation({ policyIdentifier: p })),
        }),
      ),
    );
  const access: pkijs.AccessDescription[] = [];
  if (spec.ocspUrl !== undefined)
    access.push(
      new pkijs.AccessDescription({
        accessMethod: OID.adOcsp,
        accessLocation: new pkijs.GeneralName({ type: 6, value: spec.ocspUrl }),
      }),
    );
  if (spec.caIssuersUrl !== undefined)
    access.push(
      new pkijs.AccessDescription({
        accessMethod: OID.adCaIssuers,
        accessLocation: new pkijs.GeneralName({ type: 6, value: spec.caIssuersUrl }),
      }),
    );
  if (access.length > 0)
    extensions.push(
      extension(OID.authorityInfoAccess, false, new pkijs.InfoAccess({ accessDescriptions: access })),
    );
  extensions.push(
    extension(
      OID.subjectKeyIdentifier,
      false,
      new asn1js.OctetString({ valueHex: toArrayBuffer(keyIdentifier(spec.key.publicKey)) }),
    ),
  );
  extensions.push(
    extension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({
          valueHex: toArrayBuffer(keyIdentifier(signerKey.publicKey)),
        }),
      }),
    ),
  );
  extensions.push(...(spec.extraExtensions ?? []));
  cert.extensions = extensions;

  const algorithm = spec.signatureAlgorithm ?? 'sha256-rsa';
  cert.signature = algorithmIdentifier(algorithm);
  cert.signatureAlgorithm = algorithmIdentifier(algorithm);
  const tbs = new Uint8Array(cert.encodeTBS().toBER());
  cert.tbsView = tbs;
  const signature = signBytes(algorithm, signerKey.privateKey, tbs);
  if (spec.corruptSignature === true)
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 1;
  cert.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  const der = new Uint8Array(cert.toSchema(false).toBER());
  return { der, certificate: parseCertificate(der), key: spec.key };
}

const DAY = 86_400_000;

export const TEST_DNI = '99999002Q';

export interface TestPki {
  /** The reference instant the validity periods are built around. */
  readonly now: Date;
  readonly root: IssuedCertificate;
  readonly intermediate: IssuedCertificate;
  /** A valid DNIe-shaped authentication certificate. */
  readonly citizen: IssuedCertificate;
  /** Delegated OCSP responder: id-kp-OCSPSigning, issued by the intermediate. */
  readonly ocspResponder: IssuedCertificate;
  /** A CA unrelated to the configured anchors, and a citizen certificate it issued. */
  readonly foreignRoot: IssuedCertificate;
  readonly foreignCitizen: IssuedCertificate;
  readonly expired: IssuedCertificate;
  readonly notYetValid: IssuedCertificate;
  /** nonRepudiation only, like the DNIe signing (FIRMA) certificate. */
  readonly wrongKeyUsage: IssuedCertificate;
  /** The signing-certificate policy 2.16.724.1.2.2.2.3 instead of the authentication one. */
  readonly wrongPolicy: IssuedCertificate;
  /** Valid in every way; the OCSP responder is told it is revoked. */
  readonly revoked: IssuedCertificate;
  readonly badSignature: IssuedCertificate;
  /** Signed by the intermediate with RSASSA-PSS SHA-384. */
  readonly pssSigned: IssuedCertificate;
  readonly citizenKey: TestKeyPair;
  readonly keys: {
    readonly root: TestKeyPair;
    readonly intermediate: TestKeyPair;
    readonly ocsp: TestKeyPair;
  };
}

export const ROOT_NAME: NameSpec = [
  [OID.country, 'ES'],
  [OID.organization, 'DIRECCION GENERAL DE LA POLICIA'],
  [OID.organizationalUnit, 'DNIE'],
  [OID.commonName, 'AC RAIZ DNIE PRUEBAS'],
];

export const INTERMEDIATE_NAME: NameSpec = [
  [OID.country, 'ES'],
  [OID.organization, 'DIRECCION GENERAL DE LA POLICIA'],
  [OID.organizationalUnit, 'DNIE'],
  [OID.commonName, 'AC DNIE 904 PRUEBAS'],
];

/** Subject of a DNIe authentication certificate (dnie.md §3). */
export function citizenName(dni: string, givenName: string, surnames: string): NameSpec {
  return [
    [OID.country, 'ES'],
    [OID.serialNumber, dni],
    [OID.surname, surnames],
    [OID.givenName, givenName],
    [OID.commonName, `${surnames}, ${givenName} (AUTENTICACIÓN)`],
  ];
}

export interface CitizenOptions {
  readonly pki: Pick<TestPki, 'intermediate' | 'now' | 'citizenKey'>;
  readonly serial: number;
  readonly dni?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly keyUsage?: readonly KeyUsage[];
  readonly policies?: readonly string[];
  readonly issuer?: IssuedCertificate;
  readonly signatureAlgorithm?: TestSignatureAlgorithm;
  readonly corruptSignature?: boolean;
}

/** A citizen authentication certificate, DNIe-shaped unless an option says otherwise. */
export function issueCitizen(options: CitizenOptions): IssuedCertificate {
  const now = options.pki.now.getTime();
  return issueCertificate({
    subject: citizenName(options.dni ?? TEST_DNI, 'MARÍA', 'ESPAÑOLA ESPAÑOLA'),
    key: options.pki.citizenKey,
    issuer: options.issuer ?? options.pki.intermediate,
    serial: options.serial,
    notBefore: options.notBefore ?? new Date(now - 365 * DAY),
    notAfter: options.notAfter ?? new Date(now + 4 * 365 * DAY),
    keyUsage: options.keyUsage ?? ['digitalSignature'],
    policies: options.policies ?? [`${DNIE_POLICY.authentication}.1.1`],
    ocspUrl: 'http://ocsp.dnie.test',
    caIssuersUrl: 'http://www.dnie.test/certs/ACRaiz.crt',
    ...(options.signatureAlgorithm === undefined ? {} : { signatureAlgorithm: options.signatureAlgorithm }),
    ...(options.corruptSignature === undefined ? {} : { corruptSignature: options.corruptSignature }),
  });
}

/**
 * Builds the whole test PKI around `now`. Costs two RSA-2048 keys (the citizen's, as on the card,
 * and the issuing CA's) and three RSA-1024 keys; call it once per test file.
 */
export function createTestPki(now: Date): TestPki {
  const t = now.getTime();
  // The issuing CA is RSA-2048 so that it can sign RSASSA-PSS SHA-512 with a 64-byte salt.
  const keys = { root: rsaKeyPair(), intermediate: rsaKeyPair(2048), ocsp: rsaKeyPair() };
  const citizenKey = rsaKeyPair(2048);
  const root = issueCertificate({
    subject: ROOT_NAME,
    key: keys.root,
    serial: 1,
    notBefore: new Date(t - 10 * 365 * DAY),
    notAfter: new Date(t + 20 * 365 * DAY),
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const intermediate = issueCertificate({
    subject: INTERMEDIATE_NAME,
    key: keys.intermediate,
    issuer: root,
    serial: 2,
    notBefore: new Date(t - 5 * 365 * DAY),
    notAfter: new Date(t + 10 * 365 * DAY),
    ca: { pathLength: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    policies: [OID.anyPolicy],
  });
  const base = { intermediate, now, citizenKey };
  const ocspResponder = issueCertificate({
    subject: [
      [OID.country, 'ES'],
      [OID.organization, 'DIRECCION GENERAL DE LA POLICIA'],
      [OID.commonName, 'VA DNIE PRUEBAS'],
    ],
    key: keys.ocsp,
    issuer: intermediate,
    serial: 3,
    notBefore: new Date(t - 30 * DAY),
    notAfter: new Date(t + 365 * DAY),
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: [OID.kpOcspSigning],
  });
  const foreignKey = rsaKeyPair();
  const foreignRoot = issueCertificate({
    subject: [
      [OID.country, 'ES'],
      [OID.organization, 'OTRA AUTORIDAD'],
      [OID.commonName, 'AC AJENA PRUEBAS'],
    ],
    key: foreignKey,
    serial: 1,
    notBefore: new Date(t - 10 * 365 * DAY),
    notAfter: new Date(t + 20 * 365 * DAY),
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return {
    now,
    root,
    intermediate,
    citizen: issueCitizen({ pki: base, serial: 1000 }),
    ocspResponder,
    foreignRoot,
    foreignCitizen: issueCitizen({ pki: base, serial: 1001, issuer: foreignRoot }),
    expired: issueCitizen({
      pki: base,
      serial: 1002,
      notBefore: new Date(t - 6 * 365 * DAY),
      notAfter: new Date(t - DAY),
    }),
    notYetValid: issueCitizen({ pki: base, serial: 1003, notBefore: new Date(t + DAY) }),
    wrongKeyUsage: issueCitizen({ pki: base, serial: 1004, keyUsage: ['nonRepudiation'] }),
    wrongPolicy: issueCitizen({ pki: base, serial: 1005, policies: [DNIE_POLICY.signature] }),
    revoked: issueCitizen({ pki: base, serial: 1006 }),
    badSignature: issueCitizen({ pki: base, serial: 1007, corruptSignature: true }),
    pssSigned: issueCitizen({ pki: base, serial: 1008, signatureAlgorithm: 'pss-sha384' }),
    citizenKey,
    keys,
  };
}
