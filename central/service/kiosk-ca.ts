/**
 * Central's own kiosk CA: a self-signed CA certificate, the TLS server certificate of central's kiosk
 * listener, and one client certificate per kiosk (subject CN = kiosk id, O = the municipality's INE
 * code), all ECDSA P-256 with SHA-256, built with pkijs (RFC 5280). Pure apart from the crypto: time,
 * serial numbers and validity come in as parameters. Keys leave as PKCS#8 PEM.
 */
import { createHash, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CentralConfigError } from './config-error.ts';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as EngineCrypto });
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** RFC 5280 §4.2.1 extension OIDs, X.520 attribute types and RFC 5280 §4.2.1.12 purposes. */
const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** KeyUsage bits (RFC 5280 §4.2.1.3), first octet: bit 0 is the most significant. */
const KEY_USAGE = { digitalSignature: 0x80, nonRepudiation: 0x40, keyCertSign: 0x04, cRLSign: 0x02 } as const;

export interface IssuedCredential {
  /** Certificate, PEM. */
  readonly certificatePem: string;
  /** Private key, PKCS#8 PEM: written with mode 0600, never committed. */
  readonly keyPem: string;
  /** SHA-256 of the certificate's DER, lower-case hex: what `kiosks.certificate_fingerprint` holds. */
  readonly fingerprint: string;
}

export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Positive serial number, up to 20 octets (RFC 5280 §4.1.2.2); random in production. */
  readonly serial: Uint8Array;
}

export function toPem(label: 'CERTIFICATE' | 'PRIVATE KEY', der: ArrayBuffer | Uint8Array): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function fromPem(label: 'CERTIFICATE' | 'PRIVATE KEY', pem: string): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(pem);
  if (match === null) throw new CentralConfigError('central_pki.invalid', `no ${label} PEM block`);
  return new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
}

export function fingerprintOf(certificateDer: Uint8Array): string {
  return createHash('sha256').update(certificateDer).digest('hex');
}

/** An X.501 Name with one attribute per RDN (pkijs would put them all in one multi-valued RDN). */
function name(attributes: readonly (readonly [string, string])[]): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: attributes.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema(),
          ],
        }),
    ),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

function extension(
  extnID: string,
  critical: boolean,
  value: { toSchema(): asn1js.BaseBlock },
): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toSchema().toBER(false) });
}

function keyUsage(bits: number): pkijs.Extension {
  // unusedBits: the trailing zero bits of the single octet after the lowest bit set.
  let unused = 0;
  while (unused < 7 && (bits & (1 << unused)) === 0) unused += 1;
  const bitString = new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: unused });
  return new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: bitString.toBER(false) });
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(certificate: pkijs.Certificate): Uint8Array {
  const bits = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return new Uint8Array(createHash('sha1').update(bits).digest());
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(privateKey: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', privateKey));
}

export interface CaMaterial {
  readonly certificateDer: Uint8Array;
  readonly privateKey: CryptoKey;
}

/** Reads the CA's certificate and PKCS#8 key (as `init-ca` wrote them). */
export async function loadCa(certificatePem: string, keyPemText: string): Promise<CaMaterial> {
  try {
    const certificateDer = fromPem('CERTIFICATE', certificatePem);
    pkijs.Certificate.fromBER(certificateDer);
    const privateKey = await webcrypto.subtle.importKey(
      'pkcs8',
      fromPem('PRIVATE KEY', keyPemText),
      EC,
      false,
      ['sign'],
    );
    return { certificateDer, privateKey };
  } catch (error) {
    if (error instanceof CentralConfigError) throw error;
    throw new CentralConfigError('central_pki.invalid', `CA files: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

interface Issue {
  readonly subject: pkijs.RelativeDistinguishedNames;
  readonly subjectKey: CryptoKeyPair;
  readonly issuer?: { readonly certificate: pkijs.Certificate; readonly privateKey: CryptoKey };
  readonly extensions: pkijs.Extension[];
  readonly validity: Validity;
}

async function issue(request: Issue): Promise<Uint8Array> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({
    valueHex: serialInteger(request.validity.serial).buffer as ArrayBuffer,
  });
  certificate.subject = request.subject;
  certificate.issuer = request.issuer?.certificate.subject ?? request.subject;
  certificate.notBefore.value = request.validity.notBefore;
  certificate.notAfter.value = request.validity.notAfter;
  await certificate.subjectPublicKeyInfo.importKey(request.subjectKey.publicKey, engine);
  const subjectKeyId = keyIdentifier(certificate);
  const extensions = [
    ...request.extensions,
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: subjectKeyId.buffer as ArrayBuffer }).toBER(false),
    }),
  ];
  if (request.issuer !== undefined) {
    const issuerKeyId = keyIdentifier(request.issuer.certificate);
    extensions.push(
      extension(
        OID.authorityKeyIdentifier,
        false,
        new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId.buffer as ArrayBuffer }),
        }),
      ),
    );
  }
  certificate.extensions = extensions;
  await certificate.sign(request.issuer?.privateKey ?? request.subjectKey.privateKey, 'SHA-256', engine);
  return new Uint8Array(certificate.toSchema(true).toBER(false));
}

/**
 * The serial as a DER INTEGER's content octets (X.690 §8.3.2): minimal (no leading 0x00 unless the next
 * octet has its top bit set, which OpenSSL refuses as "illegal padding"), positive, at most 20 octets
 * (RFC 5280 §4.1.2.2), never zero.
 */
export function serialInteger(serial: Uint8Array): Uint8Array {
  let start = 0;
  while (start < serial.length && serial[start] === 0) start += 1;
  const body = serial.slice(start, start + 19);
  if (body.length === 0) return new Uint8Array([1]);
  return (body[0]! & 0x80) === 0 ? body : new Uint8Array([0, ...body]);
}

async function credential(der: Uint8Array, keys: CryptoKeyPair): Promise<IssuedCredential> {
  return {
    certificatePem: toPem('CERTIFICATE', der),
    keyPem: await keyPem(keys.privateKey),
    fingerprint: fingerprintOf(der),
  };
}

/** A new self-signed kiosk CA. */
export async function createKioskCa(commonName: string, validity: Validity): Promise<IssuedCredential> {
  const keys = await generateKeyPair();
  const der = await issue({
    subject: name([
      [OID.commonName, commonName],
      [OID.organizationalUnit, 'cajero central kiosk CA'],
    ]),
    subjectKey: keys,
    validity,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 })),
      keyUsage(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign),
    ],
  });
  return credential(der, keys);
}

function issuerOf(ca: CaMaterial): { certificate: pkijs.Certificate; privateKey: CryptoKey } {
  return { certificate: pkijs.Certificate.fromBER(ca.certificateDer), privateKey: ca.privateKey };
}

/** The kiosk's mutual-TLS client certificate: CN = kiosk id, O = municipality INE code, clientAuth only. */
export async function issueKioskCertificate(
  ca: CaMaterial,
  kiosk: { readonly kioskId: string; readonly municipality: string },
  validity: Validity,
): Promise<IssuedCredential> {
  const keys = await generateKeyPair();
  const der = await issue({
    subject: name([
      [OID.commonName, kiosk.kioskId],
      [OID.organization, kiosk.municipality],
    ]),
    subjectKey: keys,
    issuer: issuerOf(ca),
    validity,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })),
      keyUsage(KEY_USAGE.digitalSignature),
      extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.clientAuth] })),
    ],
  });
  return credential(der, keys);
}

/** Central's TLS server certificate for its kiosk listener, with DNS names and IP addresses as SANs. */
export async function issueServerCertificate(
  ca: CaMaterial,
  hosts: readonly string[],
  validity: Validity,
): Promise<IssuedCredential> {
  const keys = await generateKeyPair();
  const altNames = hosts.map((host) =>
    isIP(host) === 4
      ? new pkijs.GeneralName({
          type: 7,
          value: new asn1js.OctetString({ valueHex: new Uint8Array(host.split('.').map(Number)).buffer }),
        })
      : new pkijs.GeneralName({ type: 2, value: host }),
  );
  const der = await issue({
    subject: name([[OID.commonName, hosts[0] ?? 'central']]),
    subjectKey: keys,
    issuer: issuerOf(ca),
    validity,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })),
      keyUsage(KEY_USAGE.digitalSignature),
      extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: [OID.serverAuth] })),
      extension(OID.subjectAltName, false, new pkijs.AltName({ altNames })),
    ],
  });
  return credential(der, keys);
}

/**
 * A self-signed demo seal certificate (sello electrónico de órgano) for a municipality: CN the seal's
 * name, O the municipality's name, OU its INE code; digitalSignature and nonRepudiation (contentCommitment,
 * RFC 5280 §4.2.1.3). A real seal certificate comes from a qualified provider (FNMT, ACCV…); this one is
 * for demos and tests only.
 */
export async function createSealCredential(
  municipality: { readonly ineCode: string; readonly name: string },
  validity: Validity,
): Promise<IssuedCredential> {
  const keys = await generateKeyPair();
  const der = await issue({
    subject: name([
      [OID.commonName, `Sello electrónico de ${municipality.name} (demostración)`],
      [OID.organization, municipality.name],
      [OID.organizationalUnit, municipality.ineCode],
    ]),
    subjectKey: keys,
    validity,
    extensions: [
      extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false })),
      keyUsage(KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation),
    ],
  });
  return credential(der, keys);
}
