import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTerminalConfig } from './terminal-config.ts';

let dir: string;
const entry = {
  caCvc: 'ca.cvc',
  caReference: '657353444962FF18',
  ifdCvc: 'ifd.cvc',
  ifdPrivateKey: 'ifd.pem',
  ifdSerial: 'D002E0FF00000004',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dnie-terminal-config-'));
  const ifd = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const big = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFile(join(dir, 'root.pem'), ifd.publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(join(dir, 'ifd.pem'), ifd.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await writeFile(join(dir, 'big.pem'), big.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await writeFile(join(dir, 'ca.cvc'), Uint8Array.of(0x7f, 0x21, 0));
  await writeFile(join(dir, 'ifd.cvc'), Uint8Array.of(0x7f, 0x21, 0));
  await writeFile(
    join(dir, 'good.json'),
    JSON.stringify({ componentRootPublicKey: 'root.pem', pin: entry, user: entry }),
  );
  await writeFile(
    join(dir, 'big.json'),
    JSON.stringify({
      componentRootPublicKey: 'root.pem',
      pin: { ...entry, ifdPrivateKey: 'big.pem' },
      user: entry,
    }),
  );
  await writeFile(
    join(dir, 'missing.json'),
    JSON.stringify({
      componentRootPublicKey: 'root.pem',
      pin: { ...entry, ifdCvc: 'nope.cvc' },
      user: entry,
    }),
  );
  await writeFile(
    join(dir, 'badhex.json'),
    JSON.stringify({ componentRootPublicKey: 'root.pem', pin: { ...entry, ifdSerial: 'D0' }, user: entry }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('terminal configuration', () => {
  it('loads keys, CVCs and references, with the default key references 02 0F / 02 1F', async () => {
    const config = await loadTerminalConfig(join(dir, 'good.json'));
    expect(config.rootKeyReference).toEqual(Uint8Array.of(2, 0x0f));
    expect(config.iccKeyReference).toEqual(Uint8Array.of(2, 0x1f));
    expect(config.pin.ifdSerial).toEqual(Uint8Array.from(Buffer.from('D002E0FF00000004', 'hex')));
    expect(config.user.caCvc).toEqual(Uint8Array.of(0x7f, 0x21, 0));
  });

  it('says what is wrong: missing file, wrong key size, bad hex, not JSON', async () => {
    await expect(loadTerminalConfig(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'dnie.config_invalid',
      detail: expect.stringContaining('pin.ifdCvc'),
    });
    await expect(loadTerminalConfig(join(dir, 'big.json'))).rejects.toMatchObject({
      detail: expect.stringContaining('RSA-1024'),
    });
    await expect(loadTerminalConfig(join(dir, 'badhex.json'))).rejects.toMatchObject({
      detail: expect.stringContaining('pin.ifdSerial'),
    });
    await expect(loadTerminalConfig(join(dir, 'root.pem'))).rejects.toMatchObject({
      code: 'dnie.config_invalid',
    });
  });
});
