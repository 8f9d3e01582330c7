/**
 * Pure OCSP response builder (RFC 6960 §4.2.1) for tests and for an OCSP responder simulator.
 * Signing uses node:crypto; every structure is a pkijs object.
 */
import { createHash, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CitizenCertificate } from '../certificate.ts';
import { toArrayBuffer } from '../der.ts';
import {
  type CertIdParts,
  CRL_REASONS,
  certIdToAsn1,
  nonceExtension,
  type RevocationStatus,
} from '../ocsp.ts';
import { OID } from '../oids.ts';
import { algorithmIdentifier, signBytes, type TestSignatureAlgorithm } from './sign.ts';

export interface TestSingleResponse {
  readonly certId: CertIdParts;
  readonly status: RevocationStatus;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
}

export interface BuildOcspResponseOptions {
  /** OCSPResponseStatus; anything but 0 yields a response without responseBytes. Default 0. */
  readonly responseStatus?: number;
  /** The key that signs, and its certificate (the issuing CA, or a delegated responder). */
  readonly signer?: { readonly certificate: CitizenCertificate; readonly privateKey: KeyObject };
  /** Certificates to put in `certs` (a delegated responder puts its own). */
  readonly certificates?: readonly CitizenCertificate[];
  readonly responderId?: 'name' | 'key';
  /** Name this certificate in responderID instead of the signer's (to test a mismatch). */
  readonly responderIdFor?: CitizenCertificate;
  readonly producedAt?: Date;
  readonly responses?: readonly TestSingleResponse[];
  readonly nonce?: Uint8Array;
  readonly signatureAlgorithm?: TestSignatureAlgorithm;
  readonly corruptSignature?: boolean;
}

function certStatus(status: RevocationStatus): asn1js.BaseBlock {
  if (status.status === 'good') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  if (status.status === 'unknown') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: status.revokedAt })];
  if (status.reason !== undefined)
    value.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Enumerated({ value: CRL_REASONS.indexOf(status.reason) })],
      }),
    );
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
}

/** DER OCSPResponse. Without `signer` only a non-successful status can be built. */
export function buildOcspResponse(options: BuildOcspResponseOptions): Uint8Array {
  const status = options.responseStatus ?? 0;
  const enumerated = new asn1js.Enumerated({ value: status });
  if (status !== 0 || options.signer === undefined) {
    return new Uint8Array(new pkijs.OCSPResponse({ responseStatus: enumerated }).toSchema().toBER());
  }
  const signer = options.signer;
  const named = options.responderIdFor ?? signer.certificate;
  const responderId =
    options.responderId === 'key'
      ? new asn1js.OctetString({
          valueHex: toArrayBuffer(
            new Uint8Array(
              createHash('sha1')
                .update(named.asn1.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
                .digest(),
            ),
          ),
        })
      : named.asn1.subject;
  const data = new pkijs.ResponseData({
    responderID: responderId,
    producedAt: options.producedAt ?? new Date(),
    responses: (options.responses ?? []).map(
      (r) =>
        new pkijs.SingleResponse({
          certID: certIdToAsn1(r.certId),
          certStatus: certStatus(r.status),
          thisUpdate: r.thisUpdate,
          ...(r.nextUpdate === undefined ? {} : { nextUpdate: r.nextUpdate }),
        }),
    ),
    ...(options.nonce === undefined ? {} : { responseExtensions: [nonceExtension(options.nonce)] }),
  });
  const tbs = new Uint8Array(data.toSchema(true).toBER());
  data.tbsView = tbs;
  const algorithm = options.signatureAlgorithm ?? 'sha256-rsa';
  const signature = signBytes(algorithm, signer.privateKey, tbs);
  if (options.corruptSignature === true) signature[0] = (signature[0] ?? 0) ^ 0x01;
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: data,
    signatureAlgorithm: algorithmIdentifier(algorithm),
    signature: new asn1js.BitString({ valueHex: toArrayBuffer(signature) }),
    ...(options.certificates === undefined ? {} : { certs: options.certificates.map((c) => c.asn1) }),
  });
  const response = new pkijs.OCSPResponse({
    responseStatus: enumerated,
    responseBytes: new pkijs.ResponseBytes({
      responseType: OID.ocspBasic,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}
