/**
 * A local OCSP responder (RFC 6960, HTTP POST per Appendix A.1) answering from a revocation list held
 * in memory. TEST AND DEMO INFRASTRUCTURE ONLY: it stands in for the DNIe's validation authority so
 * that central's revocation check runs end to end in tests, the benchmark and the demo. It keeps no
 * audit trail and its key material is test material; a production central points `ocspUrl` at the
 * real responder.
 *
 * Its own OCSP code (pkijs/asn1js and node:crypto, never drivers/): a simulator must not share the code
 * of the client it checks, or a bug in that code would be agreed on by both sides.
 *
 * Answers: `good` for a certificate of the configured issuer not on the list, `revoked` (with time and
 * reason) for one on it, `unknown` for another issuer's; the request's nonce is echoed. A request
 * that does not decode gets `malformedRequest` (RFC 6960 §4.2.1).
 */
import { createHash, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Anything carrying a DER certificate (drivers/pki's CitizenCertificate fits, so do plain objects). */
export interface CertificateBytes {
  readonly der: Uint8Array;
}

/** CRLReason (RFC 5280 §5.3.1); value 7 is unused. */
export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;
export type CrlReason = Exclude<(typeof CRL_REASONS)[number], undefined>;

export interface OcspResponderOptions {
  /** The CA whose certificates this responder answers for. */
  readonly issuer: CertificateBytes;
  /**
   * Who signs: the issuer itself or a delegated responder (id-kp-OCSPSigning) it issued. RSA keys sign
   * sha256WithRSAEncryption, EC keys ecdsa-with-SHA256.
   */
  readonly signer: { readonly certificate: CertificateBytes; readonly privateKey: KeyObject };
  /** How long an answer is valid (nextUpdate − thisUpdate); default 10 minutes. */
  readonly validityMs?: number;
  readonly clock?: () => Date;
}

export interface Revocation {
  readonly revokedAt: Date;
  readonly reason: CrlReason | undefined;
}

export interface OcspResponder {
  /** `http://127.0.0.1:PORT/` once listening. */
  readonly url: string;
  revoke(certificate: CertificateBytes, revokedAt: Date, reason?: CrlReason): void;
  /** The same by serial number (big-endian hex), for a certificate not at hand. */
  revokeSerial(serialHex: string, revokedAt: Date, reason?: CrlReason): void;
  /** Requests answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16_384;

const OID = {
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** CertID hash algorithms a request may use (RFC 6960 §4.1.1 leaves the choice to the client). */
const HASHES: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
const MALFORMED_REQUEST = 1;

class MalformedRequest extends Error {}

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

/** Serial numbers compare as integers: leading zero octets (a positive INTEGER's sign pad) do not count. */
function serialKey(serialHex: string): string {
  if (!/^([0-9a-f]{2})*$/i.test(serialHex)) throw new TypeError(`serial "${serialHex}" is not hex octets`);
  return serialHex.toLowerCase().replace(/^(00)+/, '');
}

function decodeExact<T>(der: Uint8Array, what: string, build: (schema: asn1js.AsnType) => T): T {
  const view = der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
  const decoded = asn1js.fromBER(view);
  if (decoded.offset === -1 || decoded.offset !== der.byteLength)
    throw new MalformedRequest(`${what}: not one DER value`);
  try {
    return build(decoded.result);
  } catch (error) {
    throw new MalformedRequest(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseCertificate(certificate: CertificateBytes): pkijs.Certificate {
  return decodeExact(certificate.der, 'certificate', (schema) => new pkijs.Certificate({ schema }));
}

interface DecodedCertId {
  readonly asn1: pkijs.CertID;
  readonly hash: string;
  readonly issuerNameHash: string;
  readonly issuerKeyHash: string;
  /** Big-endian hex of the INTEGER's content octets. */
  readonly serial: string;
}

interface DecodedRequest {
  readonly certIds: readonly DecodedCertId[];
  /** The nonce extension's value as sent, echoed byte for byte. */
  readonly nonceValue: ArrayBuffer | undefined;
}

function octets(block: unknown, what: string): string {
  if (!(block instanceof asn1js.OctetString) && !(block instanceof asn1js.Integer))
    throw new MalformedRequest(`${what}: wrong type`);
  return hex(block.valueBlock.valueHexView);
}

/** Every field the answer uses, read and type-checked here: anything odd is malformedRequest. */
function decodeRequest(der: Uint8Array): DecodedRequest {
  try {
    const request = decodeExact(der, 'OCSPRequest', (schema) => new pkijs.OCSPRequest({ schema }));
    const list = request.tbsRequest.requestList;
    if (list.length === 0) throw new MalformedRequest('empty requestList');
    const certIds = list.map((r): DecodedCertId => {
      const hash = HASHES[r.reqCert.hashAlgorithm.algorithmId];
      if (hash === undefined)
        throw new MalformedRequest(`CertID hash ${r.reqCert.hashAlgorithm.algorithmId}`);
      return {
        asn1: r.reqCert,
        hash,
        issuerNameHash: octets(r.reqCert.issuerNameHash, 'issuerNameHash'),
        issuerKeyHash: octets(r.reqCert.issuerKeyHash, 'issuerKeyHash'),
        serial: octets(r.reqCert.serialNumber, 'serialNumber'),
      };
    });
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
    if (nonce !== undefined && !(nonce.extnValue instanceof asn1js.OctetString))
      throw new MalformedRequest('nonce: wrong type');
    return { certIds, nonceValue: nonce?.extnValue.valueBlock.valueHexView.slice().buffer };
  } catch (error) {
    if (error instanceof MalformedRequest) throw error;
    throw new MalformedRequest(error instanceof Error ? error.message : String(error));
  }
}

function certStatus(revocation: Revocation | undefined, ours: boolean): asn1js.BaseBlock {
  if (!ours) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  if (revocation === undefined) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: revocation.revokedAt })];
  if (revocation.reason !== undefined)
    value.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Enumerated({ value: CRL_REASONS.indexOf(revocation.reason) })],
      }),
    );
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
}

function signTbs(
  privateKey: KeyObject,
  tbs: Uint8Array,
): { algorithm: pkijs.AlgorithmIdentifier; value: Buffer } {
  if (privateKey.asymmetricKeyType === 'rsa')
    return {
      algorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256WithRsa,
        algorithmParams: new asn1js.Null(),
      }),
      value: sign('sha256', tbs, privateKey),
    };
  if (privateKey.asymmetricKeyType === 'ec')
    return {
      algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
      value: sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' }),
    };
  throw new TypeError(`signing key of type ${privateKey.asymmetricKeyType} (RSA or EC expected)`);
}

function statusOnly(status: number): Uint8Array {
  const response = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) });
  return new Uint8Array(response.toSchema().toBER());
}

/** What a responder answers for; built once, since every answer needs the issuer's name and key. */
export interface ResponderKeys {
  readonly issuerName: Uint8Array;
  readonly issuerKey: Uint8Array;
  readonly signerSubject: pkijs.RelativeDistinguishedNames;
  /** The signer's certificate when it is a delegated responder (sent in `certs`), else undefined. */
  readonly delegated: pkijs.Certificate | undefined;
}

export function responderKeys(options: OcspResponderOptions): ResponderKeys {
  const issuer = parseCertificate(options.issuer);
  const signer = parseCertificate(options.signer.certificate);
  const sameCertificate = hex(options.issuer.der) === hex(options.signer.certificate.der);
  return {
    issuerName: new Uint8Array(issuer.subject.toSchema().toBER()),
    issuerKey: new Uint8Array(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    signerSubject: signer.subject,
    delegated: sameCertificate ? undefined : signer,
  };
}

/** The answer bytes for one DER request; pure apart from the clock. */
export function answerOcspRequest(
  options: OcspResponderOptions,
  revoked: ReadonlyMap<string, Revocation>,
  request: Uint8Array,
  keys: ResponderKeys = responderKeys(options),
): Uint8Array {
  let decoded: DecodedRequest;
  try {
    decoded = decodeRequest(request);
  } catch (error) {
    if (error instanceof MalformedRequest) return statusOnly(MALFORMED_REQUEST);
    throw error;
  }
  const now = options.clock?.() ?? new Date();
  const nextUpdate = new Date(now.getTime() + (options.validityMs ?? 600_000));
  const responses = decoded.certIds.map(({ asn1, hash, issuerNameHash, issuerKeyHash, serial }) => {
    const ours =
      issuerKeyHash === createHash(hash).update(keys.issuerKey).digest('hex') &&
      issuerNameHash === createHash(hash).update(keys.issuerName).digest('hex');
    const revocation = revoked.get(serialKey(serial));
    return new pkijs.SingleResponse({
      certID: asn1,
      certStatus: certStatus(revocation, ours),
      thisUpdate: now,
      nextUpdate,
    });
  });
  const data = new pkijs.ResponseData({
    responderID: keys.signerSubject,
    producedAt: now,
    responses,
    ...(decoded.nonceValue === undefined
      ? {}
      : {
          responseExtensions: [
            new pkijs.Extension({ extnID: OID.ocspNonce, critical: false, extnValue: decoded.nonceValue }),
          ],
        }),
  });
  const tbs = new Uint8Array(data.toSchema(true).toBER());
  data.tbsView = tbs;
  const signature = signTbs(options.signer.privateKey, tbs);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: signature.algorithm,
    signature: new asn1js.BitString({ valueHex: new Uint8Array(signature.value).buffer }),
    ...(keys.delegated === undefined ? {} : { certs: [keys.delegated] }),
  });
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: OID.ocspBasic,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

/** Starts the responder on 127.0.0.1 and a free port (port 0 unless given). */
export async function startOcspResponder(options: OcspResponderOptions, port = 0): Promise<OcspResponder> {
  const keys = responderKeys(options);
  const revoked = new Map<string, Revocation>();
  let answered = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413, { connection: 'close' }).end();
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_REQUEST_BYTES) return;
      let body: Uint8Array;
      try {
        body = answerOcspRequest(options, revoked, new Uint8Array(Buffer.concat(chunks)), keys);
      } catch {
        // internalError (RFC 6960 §4.2.1): the responder failed, not the request.
        body = statusOnly(2);
      }
      answered += 1;
      res.writeHead(200, { 'content-type': 'application/ocsp-response', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const revokeSerial = (serialHex: string, revokedAt: Date, reason?: CrlReason) => {
    revoked.set(serialKey(serialHex), { revokedAt, reason });
  };
  return {
    url: `http://127.0.0.1:${address.port}/`,
    revoke(certificate, revokedAt, reason) {
      revokeSerial(
        hex(parseCertificate(certificate).serialNumber.valueBlock.valueHexView),
        revokedAt,
        reason,
      );
    },
    revokeSerial,
    get answered() {
      return answered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
