/**
 * X.509 certificate → typed view of a DNIe citizen certificate (RFC 5280 §4.1, §4.2; subject fields
 * from dnie.md §3 "Identity without PIN" and §7). pkijs/asn1js decode every structure.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DerInputError, decodeExact, hex, pemOrDer } from './der.ts';
import { CertificateFormatError } from './errors.ts';
import { OID } from './oids.ts';

/** RFC 5280 §4.2.1.3, bit order. */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export interface NameAttribute {
  /** Attribute type OID, e.g. 2.5.4.3. */
  readonly type: string;
  readonly value: string;
}

export interface DistinguishedName {
  /** In encoding order (most significant RDN first). */
  readonly attributes: readonly NameAttribute[];
  /** "C=ES, O=…, CN=…" in encoding order, for logs of CA names and screens; not RFC 4514 escaped. */
  readonly text: string;
}

/** What the DNIe puts in the subject about the holder (dnie.md §3). */
export interface CitizenIdentity {
  /** DNI number with its letter, from serialNumber without the ETSI `IDCES-` prefix, when it looks like one. */
  readonly dniNumber: string | undefined;
  /** The serialNumber attribute as written. */
  readonly subjectSerialNumber: string | undefined;
  readonly givenName: string | undefined;
  /** Both surnames as one string (the DNIe writes them in one `surname` attribute). */
  readonly surnames: string | undefined;
  readonly commonName: string | undefined;
  readonly country: string | undefined;
}

export interface BasicConstraintsView {
  readonly ca: boolean;
  readonly pathLength: number | undefined;
}

export interface CitizenCertificate {
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  readonly citizen: CitizenIdentity;
  /** Serial number, big-endian hex of the INTEGER content octets. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Undefined when the certificate has no keyUsage extension. */
  readonly keyUsage: ReadonlySet<KeyUsage> | undefined;
  /** EKU OIDs; undefined when absent (DNIe authentication certificates have none, dnie.md §7). */
  readonly extendedKeyUsage: readonly string[] | undefined;
  readonly policies: readonly string[];
  readonly ocspUrls: readonly string[];
  readonly caIssuersUrls: readonly string[];
  readonly basicConstraints: BasicConstraintsView | undefined;
  readonly subjectKeyIdentifier: string | undefined;
  readonly authorityKeyIdentifier: string | undefined;
  /** OIDs of extensions marked critical. */
  readonly criticalExtensions: readonly string[];
  readonly signatureAlgorithm: string;
  readonly publicKey: KeyObject;
  /** The decoded structure, for path validation and OCSP in this folder. */
  readonly asn1: pkijs.Certificate;
}

/** Parses a DER certificate, or a PEM one ("CERTIFICATE" label). Throws only CertificateFormatError. */
export function parseCertificate(input: Uint8Array | string): CitizenCertificate {
  try {
    return parseUnchecked(input);
  } catch (error) {
    if (error instanceof CertificateFormatError) throw error;
    throw new CertificateFormatError(describe(error), { cause: error });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

function parseUnchecked(input: Uint8Array | string): CitizenCertificate {
  const der = pemOrDer(input, 'CERTIFICATE');
  const cert = new pkijs.Certificate({ schema: decodeExact(der, 'certificate') });
  const inner = hex(cert.signature.toSchema().toBER());
  const outer = hex(cert.signatureAlgorithm.toSchema().toBER());
  // RFC 5280 §4.1.1.2: the two algorithm fields must be identical.
  if (inner !== outer)
    throw new CertificateFormatError('tbsCertificate.signature differs from signatureAlgorithm');
  if (!(cert.notBefore.value instanceof Date) || Number.isNaN(cert.notBefore.value.getTime()))
    throw new CertificateFormatError('notBefore unreadable');
  if (!(cert.notAfter.value instanceof Date) || Number.isNaN(cert.notAfter.value.getTime()))
    throw new CertificateFormatError('notAfter unreadable');

  const ext = readExtensions(cert);
  const subject = readName(cert.subject);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({
      key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER()),
      format: 'der',
      type: 'spki',
    });
  } catch (cause) {
    throw new CertificateFormatError(`subjectPublicKeyInfo unusable: ${describe(cause)}`, { cause });
  }
  return {
    der: new Uint8Array(der),
    subject,
    issuer: readName(cert.issuer),
    citizen: citizenIdentity(subject),
    serialNumber: hex(cert.serialNumber.valueBlock.valueHexView),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    ...ext,
    signatureAlgorithm: cert.signatureAlgorithm.algorithmId,
    publicKey,
    asn1: cert,
  };
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SN',
  [OID.serialNumber]: 'serialNumber',
  [OID.country]: 'C',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.givenName]: 'GN',
};

function attributeText(value: unknown): string {
  // Directory strings (UTF8String, PrintableString, BMPString, …) decode to a JS string in asn1js.
  if (value instanceof asn1js.BaseStringBlock) return value.getValue();
  if (value instanceof asn1js.BaseBlock) return `#${hex(value.toBER())}`;
  throw new CertificateFormatError('name attribute value unreadable');
}

function readName(name: pkijs.RelativeDistinguishedNames): DistinguishedName {
  const attributes = name.typesAndValues.map((tv) => ({ type: tv.type, value: attributeText(tv.value) }));
  const text = attributes.map((a) => `${SHORT_NAMES[a.type] ?? a.type}=${a.value}`).join(', ');
  return { attributes, text };
}

function first(name: DistinguishedName, type: string): string | undefined {
  return name.attributes.find((a) => a.type === type)?.value;
}

/** ETSI EN 319 412-1 §5.1.3 semantics identifier: "IDC" + country + "-" + national id number. */
const IDCES_PREFIX = 'IDCES-';
const DNI_RE = /^[0-9]{8}[A-Z]$/;

/** DNI number from a subject serialNumber value, or undefined when it is not one. */
export function dniFromSerialNumber(value: string): string | undefined {
  let candidate = value.trim().toUpperCase();
  if (candidate.startsWith(IDCES_PREFIX)) candidate = candidate.slice(IDCES_PREFIX.length);
  return DNI_RE.test(candidate) ? candidate : undefined;
}

function citizenIdentity(subject: DistinguishedName): CitizenIdentity {
  const serial = first(subject, OID.serialNumber);
  return {
    dniNumber: serial === undefined ? undefined : dniFromSerialNumber(serial),
    subjectSerialNumber: serial,
    givenName: first(subject, OID.givenName),
    surnames: first(subject, OID.surname),
    commonName: first(subject, OID.commonName),
    country: first(subject, OID.country),
  };
}

interface ExtensionViews {
  keyUsage: ReadonlySet<KeyUsage> | undefined;
  extendedKeyUsage: readonly string[] | undefined;
  policies: readonly string[];
  ocspUrls: readonly string[];
  caIssuersUrls: readonly string[];
  basicConstraints: BasicConstraintsView | undefined;
  subjectKeyIdentifier: string | undefined;
  authorityKeyIdentifier: string | undefined;
  criticalExtensions: readonly string[];
}

function readExtensions(cert: pkijs.Certificate): ExtensionViews {
  const out: ExtensionViews = {
    keyUsage: undefined,
    extendedKeyUsage: undefined,
    policies: [],
    ocspUrls: [],
    caIssuersUrls: [],
    basicConstraints: undefined,
    subjectKeyIdentifier: undefined,
    authorityKeyIdentifier: undefined,
    criticalExtensions: [],
  };
  const seen = new Set<string>();
  const critical: string[] = [];
  for (const extension of cert.extensions ?? []) {
    const id = extension.extnID;
    // RFC 5280 §4.2: a certificate must not include more than one instance of an extension.
    if (seen.has(id)) throw new CertificateFormatError(`extension ${id} appears twice`);
    seen.add(id);
    if (extension.critical) critical.push(id);
    const value = (): asn1js.AsnType => {
      try {
        return decodeExact(extension.extnValue.valueBlock.valueHexView, `extension ${id}`);
      } catch (cause) {
        if (cause instanceof DerInputError) throw new CertificateFormatError(cause.message, { cause });
        throw cause;
      }
    };
    switch (id) {
      case OID.keyUsage:
        out.keyUsage = keyUsageOf(value());
        break;
      case OID.extKeyUsage:
        out.extendedKeyUsage = [...new pkijs.ExtKeyUsage({ schema: value() }).keyPurposes];
        break;
      case OID.certificatePolicies:
        out.policies = new pkijs.CertificatePolicies({ schema: value() }).certificatePolicies.map(
          (p) => p.policyIdentifier,
        );
        break;
      case OID.authorityInfoAccess: {
        const access = new pkijs.InfoAccess({ schema: value() }).accessDescriptions;
        out.ocspUrls = urisFor(access, OID.adOcsp);
        out.caIssuersUrls = urisFor(access, OID.adCaIssuers);
        break;
      }
      case OID.basicConstraints: {
        const bc = new pkijs.BasicConstraints({ schema: value() });
        const len = bc.pathLenConstraint;
        let pathLength: number | undefined;
        if (typeof len === 'number') pathLength = len;
        else if (len instanceof asn1js.Integer) pathLength = len.valueBlock.valueDec;
        if (pathLength !== undefined && (!Number.isSafeInteger(pathLength) || pathLength < 0))
          throw new CertificateFormatError('basicConstraints pathLenConstraint out of range');
        out.basicConstraints = { ca: bc.cA === true, pathLength };
        break;
      }
      case OID.subjectKeyIdentifier: {
        const v = value();
        if (!(v instanceof asn1js.OctetString))
          throw new CertificateFormatError('subjectKeyIdentifier not OCTET STRING');
        out.subjectKeyIdentifier = hex(v.valueBlock.valueHexView);
        break;
      }
      case OID.authorityKeyIdentifier: {
        const aki = new pkijs.AuthorityKeyIdentifier({ schema: value() });
        out.authorityKeyIdentifier =
          aki.keyIdentifier === undefined ? undefined : hex(aki.keyIdentifier.valueBlock.valueHexView);
        break;
      }
    }
  }
  out.criticalExtensions = critical;
  return out;
}

function keyUsageOf(value: asn1js.AsnType): ReadonlySet<KeyUsage> {
  if (!(value instanceof asn1js.BitString)) throw new CertificateFormatError('keyUsage is not a BIT STRING');
  const bytes = value.valueBlock.valueHexView;
  const usable = bytes.length * 8 - value.valueBlock.unusedBits;
  const set = new Set<KeyUsage>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    if (bit >= usable) return;
    const byte = bytes[bit >> 3] ?? 0;
    if ((byte & (0x80 >> (bit & 7))) !== 0) set.add(name);
  });
  return set;
}

/** GeneralName type 6 is uniformResourceIdentifier (RFC 5280 §4.2.1.6). */
function urisFor(access: readonly pkijs.AccessDescription[], method: string): string[] {
  return access
    .filter((a) => a.accessMethod === method && a.accessLocation.type === 6)
    .map((a) => String(a.accessLocation.value));
}

/** Same name for chaining purposes: attribute types and values equal after case folding and space collapsing (RFC 5280 §7.1, simplified). */
export function sameName(a: DistinguishedName, b: DistinguishedName): boolean {
  if (a.attributes.length !== b.attributes.length) return false;
  const fold = (s: string): string => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
  return a.attributes.every((x, i) => {
    const y = b.attributes[i];
    return y !== undefined && x.type === y.type && fold(x.value) === fold(y.value);
  });
}
