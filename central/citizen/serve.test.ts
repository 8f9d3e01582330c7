import { constants, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toPem } from '../../drivers/pki/index.ts';
import { createTestPki } from '../../drivers/pki/testing/index.ts';
import { migrate } from '../db/migrations.ts';
import { openPglite } from '../db/pglite-database.ts';
import { startOcspResponder } from '../../simulators/ocsp/index.ts';
import { createDemoSeal, enrolKiosk, initCa, PKI_FILES, readCa } from '../service/admin.ts';
import { parseCentralConfig } from '../service/config.ts';
import { startCentral } from '../service/run.ts';
import { capturingLogger, kioskClient } from '../service/test-support.ts';
import { seedPadron } from './test-fixtures.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'central-serve-citizen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('central serve with citizenAccess configured', () => {
  it('loads the anchors and seals from its folders and issues a volante the public side verifies', async () => {
    const now = new Date();
    const dnie = createTestPki(now);
    const pkiDir = path.join(dir, 'pki');
    const anchorsDir = path.join(dir, 'dnie');
    mkdirSync(anchorsDir);
    writeFileSync(path.join(anchorsDir, 'raiz.pem'), toPem(dnie.root.certificate.der, 'CERTIFICATE'));
    writeFileSync(path.join(anchorsDir, 'ac.pem'), toPem(dnie.intermediate.certificate.der, 'CERTIFICATE'));
    const responder = await startOcspResponder({
      issuer: dnie.intermediate.certificate,
      signer: { certificate: dnie.ocspResponder.certificate, privateKey: dnie.keys.ocsp.privateKey },
    });
    const db = await openPglite();
    const { logger } = capturingLogger('warn');
    try {
      await migrate(db);
      await seedPadron(db);
      await initCa(pkiDir, ['127.0.0.1'], now);
      await createDemoSeal(db, pkiDir, '47186', now);
      const credential = await enrolKiosk(db, await readCa(pkiDir), {
        kioskId: 'KIOSCO-S',
        municipality: '47186',
        now,
      });
      const config = parseCentralConfig({
        pkiDir,
        kioskListener: { host: '127.0.0.1', port: 0 },
        publicListener: { host: '127.0.0.1', port: 0 },
        citizenAccess: { anchorsDir, ocspUrl: responder.url },
      });
      const central = await startCentral(config, logger, db);
      const kiosk = kioskClient(
        central.kioskUrl,
        readFileSync(path.join(pkiDir, PKI_FILES.caCertificate), 'utf8'),
        credential,
      );
      try {
        const challenge = (
          await kiosk.call('POST', '/v1/citizen/challenge', { service: 'volante.individual' })
        ).json;
        const reply = await kiosk.call('POST', '/v1/citizen/volante', {
          challengeId: challenge.challengeId,
          certificate: Buffer.from(dnie.citizen.certificate.der).toString('base64'),
          signature: sign('sha256', Buffer.from(challenge.challenge, 'base64'), {
            key: dnie.citizenKey.privateKey,
            padding: constants.RSA_PKCS1_PADDING,
          }).toString('base64'),
          kind: 'individual',
        });
        expect(reply.status).toBe(200);
        const verifyUrl = central.verificationUrl.replace('/verificar', `/v1/verify/${reply.json.csv}`);
        const verified = (await (await fetch(verifyUrl)).json()) as { seal: string };
        expect(verified.seal).toBe('valid');
        expect(responder.answered).toBe(1);
      } finally {
        kiosk.close();
        await central.close();
      }
    } finally {
      await db.close();
      await responder.close();
    }
  });
});
