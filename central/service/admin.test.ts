import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrations.ts';
import { type OpenedDatabase, testBackends } from '../db/test-backends.ts';
import { ensureMunicipality } from '../padron/loader.ts';
import {
  enrolKiosk,
  initCa,
  PKI_FILES,
  readCa,
  readPkiFiles,
  revokeKiosk,
  writeKioskCredential,
} from './admin.ts';
import { CentralConfigError } from './config-error.ts';
import type { CaMaterial } from './kiosk-ca.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('kiosk CA files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'central-pki-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the CA and server files, keys with mode 0600, in a folder git ignores', async () => {
    const pki = path.join(dir, 'pki');
    await initCa(pki, ['localhost', '127.0.0.1'], NOW);
    expect(statSync(path.join(pki, PKI_FILES.caKey)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(pki, PKI_FILES.serverKey)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(pki, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readPkiFiles(pki).caCertificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    await expect(readCa(pki)).resolves.toBeDefined();
  });

  it('refuses to replace an existing CA', async () => {
    const pki = path.join(dir, 'pki');
    const before = readFileSync(path.join(pki, PKI_FILES.caKey), 'utf8');
    await expect(initCa(pki, ['localhost'], NOW)).rejects.toMatchObject({
      code: 'central_pki.already_exists',
    });
    expect(readFileSync(path.join(pki, PKI_FILES.caKey), 'utf8')).toBe(before);
  });

  it('says what is missing when there is no CA', async () => {
    await expect(readCa(path.join(dir, 'nothing'))).rejects.toMatchObject({
      code: 'central_pki.files_missing',
    });
    expect(() => readPkiFiles(path.join(dir, 'nothing'))).toThrow(CentralConfigError);
  });

  it('writes a kiosk key with mode 0600', async () => {
    const files = writeKioskCredential(path.join(dir, 'kiosks'), 'KIOSCO-1', {
      certificatePem: 'c',
      keyPem: 'k',
      fingerprint: '0'.repeat(64),
    });
    expect(statSync(files[1]!).mode & 0o777).toBe(0o600);
  });
});

for (const backend of await testBackends('kiosk enrolment tests')) {
  describe.skipIf(!backend.available)(`kiosk enrolment on ${backend.name}`, () => {
    let opened: OpenedDatabase;
    let ca: CaMaterial;
    const dir = mkdtempSync(path.join(tmpdir(), 'central-enrol-'));

    beforeAll(async () => {
      opened = await backend.open('enrol');
      await migrate(opened.db);
      await ensureMunicipality(opened.db, {
        ineCode: '47186',
        name: 'Villademo',
        verificationUrl: 'https://s.example/v',
      });
      await initCa(dir, ['localhost'], NOW);
      ca = await readCa(dir);
    });
    afterAll(async () => {
      await opened?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function kiosk(id: string) {
      const { rows } = await opened.db.query<{
        certificate_fingerprint: string;
        status: string;
        revoked_at: Date | null;
      }>('SELECT certificate_fingerprint, status, revoked_at FROM kiosks WHERE id = $1', [id]);
      return rows[0];
    }

    it('records the fingerprint of the certificate it issues', async () => {
      const issued = await enrolKiosk(opened.db, ca, {
        kioskId: 'KIOSCO-1',
        municipality: '47186',
        now: NOW,
      });
      expect(await kiosk('KIOSCO-1')).toEqual({
        certificate_fingerprint: issued.fingerprint,
        status: 'enrolled',
        revoked_at: null,
      });
    });

    it('revokes, and a re-enrolment issues a new certificate and lifts the revocation', async () => {
      await revokeKiosk(opened.db, 'KIOSCO-1', NOW);
      expect((await kiosk('KIOSCO-1'))?.status).toBe('revoked');
      await revokeKiosk(opened.db, 'KIOSCO-1', NOW); // again: nothing to do, no error
      const before = (await kiosk('KIOSCO-1'))?.certificate_fingerprint;
      const again = await enrolKiosk(opened.db, ca, { kioskId: 'KIOSCO-1', municipality: '47186', now: NOW });
      expect(again.fingerprint).not.toBe(before);
      expect(await kiosk('KIOSCO-1')).toMatchObject({ status: 'enrolled', revoked_at: null });
    });

    it.each([
      ['KIOSCO-2', '99999', 'central_admin.municipality_unknown'],
      ["K'; DROP TABLE kiosks; --", '47186', 'central_admin.usage'],
      ['KIOSCO-3', '4718', 'central_admin.usage'],
    ])('refuses to enrol %s in %s (%s)', async (kioskId, municipality, code) => {
      await expect(enrolKiosk(opened.db, ca, { kioskId, municipality, now: NOW })).rejects.toMatchObject({
        code,
      });
      expect(await kiosk(kioskId)).toBeUndefined();
    });

    it('refuses to revoke a kiosk that was never enrolled', async () => {
      await expect(revokeKiosk(opened.db, 'KIOSCO-9', NOW)).rejects.toMatchObject({
        code: 'central_admin.kiosk_unknown',
      });
    });
  });
}
