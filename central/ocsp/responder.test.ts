import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOcspRequest, checkOcspResponse, OcspResponseError } from '../../drivers/pki/index.ts';
import { createTestPki } from '../../drivers/pki/testing/index.ts';
import { type OcspResponder, startOcspResponder } from './responder.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const pki = createTestPki(NOW);

describe('local OCSP responder (test infrastructure)', () => {
  let responder: OcspResponder;

  beforeAll(async () => {
    responder = await startOcspResponder({
      issuer: pki.intermediate.certificate,
      signer: { certificate: pki.ocspResponder.certificate, privateKey: pki.keys.ocsp.privateKey },
      clock: () => NOW,
    });
    responder.revoke(pki.revoked.certificate, new Date(NOW.getTime() - 3_600_000), 'keyCompromise');
  });
  afterAll(() => responder?.close());

  async function post(body: Uint8Array): Promise<{ status: number; der: Uint8Array }> {
    const response = await fetch(responder.url, {
      method: 'POST',
      headers: { 'content-type': 'application/ocsp-request' },
      body,
    });
    return { status: response.status, der: new Uint8Array(await response.arrayBuffer()) };
  }

  it.each([
    ['good', () => pki.citizen.certificate],
    ['revoked', () => pki.revoked.certificate],
  ])('answers %s with a signed response echoing the nonce', async (status, certificate) => {
    const nonce = new Uint8Array(randomBytes(16));
    const request = buildOcspRequest({
      certificate: certificate(),
      issuer: pki.intermediate.certificate,
      nonce,
    });
    const { der } = await post(request);
    const result = checkOcspResponse({
      response: der,
      certificate: certificate(),
      issuer: pki.intermediate.certificate,
      at: NOW,
      nonce,
      requireNonce: true,
    });
    expect(result.revocation.status).toBe(status);
    expect(result.signedBy).toBe('delegated');
  });

  it('gives no answer a client would trust for a certificate of another issuer', async () => {
    const request = buildOcspRequest({
      certificate: pki.foreignCitizen.certificate,
      issuer: pki.foreignRoot.certificate,
    });
    const { der } = await post(request);
    // Signed by our responder, which is not authorised for the foreign CA: the client refuses it.
    expect(() =>
      checkOcspResponse({
        response: der,
        certificate: pki.foreignCitizen.certificate,
        issuer: pki.foreignRoot.certificate,
        at: NOW,
      }),
    ).toThrow(OcspResponseError);
  });

  it('answers malformedRequest to bytes that are not a request, and 405 to GET', async () => {
    const { status, der } = await post(new TextEncoder().encode("'; DROP TABLE x; --"));
    expect(status).toBe(200);
    expect(() =>
      checkOcspResponse({
        response: der,
        certificate: pki.citizen.certificate,
        issuer: pki.intermediate.certificate,
        at: NOW,
      }),
    ).toThrow(expect.objectContaining({ code: 'pki.ocsp_unsuccessful' }));
    expect((await fetch(responder.url)).status).toBe(405);
  });
});
