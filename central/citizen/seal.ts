/**
 * The municipality's seal over a volante: a CMS SignedData (RFC 5652 §5) by the seal key (ECDSA P-256,
 * SHA-256) over the canonical JSON bytes, detached (the content is stored beside it, not inside), with
 * the signed attributes contentType, messageDigest and signingTime (§11.1–11.3) and the seal
 * certificate in `certificates`. Anyone with the document and the seal can check it with OpenSSL
 * (`openssl cms -verify -inform DER -content document.json -noverify`).
 */
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sealFileNames } from '../service/admin.ts';
import { CentralConfigError } from '../service/config-error.ts';
import { fromPem } from '../service/kiosk-ca.ts';

type CryptoKey = webcrypto.CryptoKey;
type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as EngineCrypto });

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

export interface SealKey {
  readonly certificateDer: Uint8Array;
  readonly certificate: pkijs.Certificate;
  readonly privateKey: CryptoKey;
}

/** Seal files of a municipality in the PKI folder, as `admin seal` writes them. */
export const sealFiles = sealFileNames;

export async function loadSealKey(certificatePem: string, keyPem: string): Promise<SealKey> {
  try {
    const certificateDer = fromPem('CERTIFICATE', certificatePem);
    const certificate = pkijs.Certificate.fromBER(certificateDer);
    const privateKey = await webcrypto.subtle.importKey(
      'pkcs8',
      fromPem('PRIVATE KEY', keyPem),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    return { certificateDer, certificate, privateKey };
  } catch (error) {
    throw new CentralConfigError('central_pki.invalid', `seal: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The seal of `ineCode` from `dir`, or undefined when the municipality has none there. */
export async function readSealKey(dir: string, ineCode: string): Promise<SealKey | undefined> {
  const files = sealFiles(ineCode);
  let certificatePem: string;
  let keyPem: string;
  try {
    certificatePem = readFileSync(path.join(dir, files.certificate), 'utf8');
    keyPem = readFileSync(path.join(dir, files.key), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CentralConfigError(
      'central_config.unreadable',
      `seal of ${ineCode}: ${(error as Error).message}`,
    );
  }
  return loadSealKey(certificatePem, keyPem);
}

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

/** DER ContentInfo(SignedData) sealing `content`, detached. */
export async function sealContent(
  seal: SealKey,
  content: Uint8Array,
  signingTime: Date,
): Promise<Uint8Array> {
  const digest = createHash('sha256').update(content).digest();
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: seal.certificate.issuer,
          serialNumber: seal.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID.contentType,
              values: [new asn1js.ObjectIdentifier({ value: OID.data })],
            }),
            new pkijs.Attribute({
              type: OID.signingTime,
              values: [new asn1js.UTCTime({ valueDate: signingTime })],
            }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [new asn1js.OctetString({ valueHex: buffer(new Uint8Array(digest)) })],
            }),
          ],
        }),
      }),
    ],
    certificates: [seal.certificate],
  });
  await signedData.sign(seal.privateKey, 0, 'SHA-256', buffer(content), engine);
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export interface SealCheck {
  readonly valid: boolean;
  /** SHA-256 (hex) of the signer certificate found in the seal, when one was. */
  readonly signerFingerprint: string | undefined;
}

/**
 * True when `sealDer` is a SignedData whose signer (the certificate inside it) signed exactly
 * `content`. Whether that certificate is the municipality's is the caller's comparison of
 * `signerFingerprint`. Never throws.
 */
export async function checkSeal(sealDer: Uint8Array, content: Uint8Array): Promise<SealCheck> {
  try {
    const info = pkijs.ContentInfo.fromBER(buffer(sealDer));
    if (info.contentType !== OID.signedData) return { valid: false, signerFingerprint: undefined };
    const signedData = new pkijs.SignedData({ schema: info.content });
    const signer = (signedData.certificates ?? []).find(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
    );
    const signerFingerprint =
      signer === undefined
        ? undefined
        : createHash('sha256')
            .update(new Uint8Array(signer.toSchema().toBER(false)))
            .digest('hex');
    const valid = await signedData.verify({ signer: 0, data: buffer(content), checkChain: false }, engine);
    return { valid: valid === true, signerFingerprint };
  } catch {
    return { valid: false, signerFingerprint: undefined };
  }
}

export function certificateFingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}
