import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toPem } from '../../drivers/pki/index.ts';
import { createTestPki } from '../../drivers/pki/testing/index.ts';
import { migrate } from '../db/migrations.ts';
import { testBackends } from '../db/test-backends.ts';
import { ensureMunicipality } from '../padron/loader.ts';
import { createDemoSeal } from '../service/admin.ts';
import { parseCentralConfig } from '../service/config.ts';
import { certificateFingerprint, checkSeal, loadTrustAnchors, readSealKey, sealContent } from './index.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const dir = mkdtempSync(path.join(tmpdir(), 'central-seal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

for (const backend of await testBackends('central seal command tests')) {
  describe.skipIf(!backend.available)(`admin seal on ${backend.name}`, () => {
    it('writes a demo seal that seals and verifies, refuses to replace it, and refuses unknown municipalities', async () => {
      const opened = await backend.open('seal');
      try {
        await migrate(opened.db);
        await ensureMunicipality(opened.db, {
          ineCode: '47186',
          name: 'Ayuntamiento de Villademo',
          verificationUrl: 'https://sede.villademo.example/verificar',
        });
        const pki = path.join(dir, backend.name);
        const created = await createDemoSeal(opened.db, pki, '47186', NOW);
        expect(statSync(created.files[1]!).mode & 0o777).toBe(0o600);
        const seal = await readSealKey(pki, '47186');
        expect(seal).toBeDefined();
        expect(certificateFingerprint(seal!.certificateDer)).toBe(created.fingerprint);
        expect(await readSealKey(pki, '28079')).toBeUndefined();

        const content = new TextEncoder().encode('{"csv":"VAAAAAAAAAAAAAAAAAAAAAAAA"}');
        const sealed = await sealContent(seal!, content, NOW);
        expect(await checkSeal(sealed, content)).toEqual({
          valid: true,
          signerFingerprint: created.fingerprint,
        });
        const tampered = content.slice();
        tampered[3] = 0x44;
        expect((await checkSeal(sealed, tampered)).valid).toBe(false);
        expect((await checkSeal(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), content)).valid).toBe(false);

        await expect(createDemoSeal(opened.db, pki, '47186', NOW)).rejects.toMatchObject({
          code: 'central_pki.seal_exists',
        });
        await expect(createDemoSeal(opened.db, pki, '28079', NOW)).rejects.toMatchObject({
          code: 'central_admin.municipality_unknown',
        });

        if (opensslAvailable()) {
          // Interoperability: a standard CMS tool accepts the seal over the same bytes (signature only).
          const sealFile = path.join(dir, `${backend.name}.p7s`);
          const contentFile = path.join(dir, `${backend.name}.json`);
          writeFileSync(sealFile, sealed);
          writeFileSync(contentFile, content);
          const args = [
            'cms',
            '-verify',
            '-inform',
            'DER',
            '-in',
            sealFile,
            '-content',
            contentFile,
            '-noverify',
            '-binary',
          ];
          expect(execFileSync('openssl', [...args, '-out', '/dev/null'], { stdio: 'pipe' })).toBeDefined();
          writeFileSync(contentFile, tampered);
          expect(() => execFileSync('openssl', [...args, '-out', '/dev/null'], { stdio: 'pipe' })).toThrow();
        }
      } finally {
        await opened.close();
      }
    });
  });
}

describe('DNIe trust folder and configuration', () => {
  const pki = createTestPki(NOW);

  it('takes self-signed certificates as anchors and the rest as intermediates, PEM or DER', () => {
    const anchors = path.join(dir, 'anchors');
    rmSync(anchors, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', anchors]);
    writeFileSync(path.join(anchors, 'raiz.pem'), toPem(pki.root.certificate.der, 'CERTIFICATE'));
    writeFileSync(path.join(anchors, 'ac004.cer'), pki.intermediate.certificate.der);
    writeFileSync(path.join(anchors, 'LEEME.txt'), 'not a certificate');
    const trust = loadTrustAnchors(anchors);
    expect(trust.anchors.map((c) => c.subject.text)).toEqual([pki.root.certificate.subject.text]);
    expect(trust.intermediates?.map((c) => c.subject.text)).toEqual([
      pki.intermediate.certificate.subject.text,
    ]);
    writeFileSync(
      path.join(anchors, 'broken.pem'),
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
    );
    expect(() => loadTrustAnchors(anchors)).toThrow(
      expect.objectContaining({ code: 'central_config.invalid' }),
    );
    expect(() => loadTrustAnchors(path.join(dir, 'none'))).toThrow(
      expect.objectContaining({ code: 'central_config.unreadable' }),
    );
  });

  it('reads citizenAccess with its defaults and refuses bad values', () => {
    expect(
      parseCentralConfig({ citizenAccess: { anchorsDir: 'dnie', ocspUrl: 'http://127.0.0.1:9000/' } })
        .citizenAccess,
    ).toEqual({
      anchorsDir: 'dnie',
      ocspUrl: 'http://127.0.0.1:9000/',
      ocspTimeoutMs: 3_000,
      ocspFailurePolicy: 'fail-closed',
      challengeTtlSeconds: 120,
      grantTtlSeconds: 300,
      volanteValidityMonths: 3,
    });
    expect(() =>
      parseCentralConfig({
        citizenAccess: { anchorsDir: 'dnie', ocspUrl: 'http://x/', ocspFailurePolicy: 'fail-open' },
      }),
    ).toThrow(expect.objectContaining({ detail: expect.stringMatching(/ocspFailurePolicy/) }));
  });
});
