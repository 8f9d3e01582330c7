/**
 * The chip-authentication keys of the virtual DNIe, generated at run time (dnie.md §4.1, §4.3): the real
 * component root ("AC RAIZ COMPONENTES") and the DGP terminal keys cannot be used, so tests make their own:
 * - component root (RSA-1024) → 6020 ICC CA certificate → 601F ICC certificate, X.509;
 * - terminal side: a CVC root whose public key the card holds as key `02 0F`, an IFD-side CA CVC signed
 *   by it, and two IFD CVCs (PIN channel and user channel, dnie.md §4.1) with their private keys.
 * Private keys stay in memory; `writeTerminalConfig` writes the host's share for a test's temp folder.
 */
import { generateKeyPairSync, KeyObject, type webcrypto } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCvc } from '../cwa/cvc.ts';
import { issue, type Rdn } from './test-pki.ts';

export interface TerminalIdentityKeys {
  readonly cvc: Uint8Array;
  /** SN.IFD (8 bytes); the CVC's CHR is 00000000 ‖ SN.IFD. */
  readonly serial: Uint8Array;
  readonly privateKey: KeyObject;
}

export interface ComponentPki {
  readonly componentRoot: { readonly publicKey: KeyObject };
  /** 6020, issued by the component root. */
  readonly iccCaDer: Uint8Array;
  /** 601F, issued by 6020. */
  readonly iccDer: Uint8Array;
  readonly iccPrivateKey: KeyObject;
  readonly iccPublicKey: KeyObject;
  /** Held by the card as key reference 02 0F. */
  readonly terminalRoot: { readonly publicKey: KeyObject; readonly chr: Uint8Array };
  readonly terminalCa: { readonly cvc: Uint8Array; readonly chr: Uint8Array };
  readonly pin: TerminalIdentityKeys;
  readonly user: TerminalIdentityKeys;
}

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

/** Test references, shaped like the real ones (dnie.md §4.1) but with FF where a real one has a version. */
export const TEST_TERMINAL_ROOT_CHR = hex('65735344494FF001');
export const TEST_TERMINAL_CA_CHR = hex('657353444962FF18');
export const TEST_PIN_IFD_SERIAL = hex('D002E0FF00000004');
export const TEST_USER_IFD_SERIAL = hex('D002E0FF00000002');

function rsa1024(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 65537 });
}

const chr12 = (reference: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12);
  out.set(reference, 4);
  return out;
};

export async function createComponentPki(now: Date = new Date()): Promise<ComponentPki> {
  const year = 365 * 24 * 3600 * 1000;
  const notBefore = new Date(now.getTime() - year);
  const notAfter = new Date(now.getTime() + 10 * year);
  const dgp: Rdn[] = [
    ['2.5.4.6', 'ES', 'printable'],
    ['2.5.4.10', 'DIRECCION GENERAL DE LA POLICIA', 'utf8'],
  ];
  const rootName: Rdn[] = [
    ...dgp,
    ['2.5.4.11', 'AC RAIZ COMPONENTES 2 (PRUEBAS)', 'utf8'],
    ['2.5.4.3', '000000006573524449620018', 'utf8'],
  ];
  const caName: Rdn[] = [
    ...dgp,
    ['2.5.4.11', 'AC RAIZ COMPONENTES 2 (PRUEBAS)', 'utf8'],
    ['2.5.4.3', 'AC COMPONENTES (PRUEBAS)', 'utf8'],
  ];
  const iccName: Rdn[] = [...dgp, ['2.5.4.11', 'DNIE', 'utf8'], ['2.5.4.3', 'COMPONENTE (PRUEBAS)', 'utf8']];
  const root = await issue({
    modulusLength: 1024,
    subject: rootName,
    issuer: rootName,
    issuerKey: undefined,
    serial: 1,
    notBefore,
    notAfter,
    extensions: [],
  });
  const ca = await issue({
    modulusLength: 1024,
    subject: caName,
    issuer: rootName,
    issuerKey: root.privateKey,
    serial: 2,
    notBefore,
    notAfter,
    extensions: [],
  });
  const icc = await issue({
    modulusLength: 1024,
    subject: iccName,
    issuer: caName,
    issuerKey: ca.privateKey,
    serial: 3,
    notBefore,
    notAfter,
    extensions: [],
  });

  const terminalRoot = rsa1024();
  const terminalCa = rsa1024();
  const caCvc = buildCvc(
    {
      car: TEST_TERMINAL_ROOT_CHR,
      chr: chr12(TEST_TERMINAL_CA_CHR),
      cha: hex('FF000000000001'),
      publicKey: terminalCa.publicKey,
    },
    terminalRoot.privateKey,
  );
  const identity = (serial: Uint8Array, role: number): TerminalIdentityKeys => {
    const keys = rsa1024();
    const cvc = buildCvc(
      {
        car: TEST_TERMINAL_CA_CHR,
        chr: chr12(serial),
        cha: Uint8Array.of(0, 0, 0, 0, 0, 0, role),
        publicKey: keys.publicKey,
      },
      terminalCa.privateKey,
    );
    return { cvc, serial, privateKey: keys.privateKey };
  };
  return {
    componentRoot: { publicKey: KeyObject.from(root.publicKey as unknown as webcrypto.CryptoKey) },
    iccCaDer: ca.der,
    iccDer: icc.der,
    iccPrivateKey: KeyObject.from(icc.privateKey as unknown as webcrypto.CryptoKey),
    iccPublicKey: KeyObject.from(icc.publicKey as unknown as webcrypto.CryptoKey),
    terminalRoot: { publicKey: terminalRoot.publicKey, chr: TEST_TERMINAL_ROOT_CHR },
    terminalCa: { cvc: caCvc, chr: TEST_TERMINAL_CA_CHR },
    pin: identity(TEST_PIN_IFD_SERIAL, 0x04),
    user: identity(TEST_USER_IFD_SERIAL, 0x02),
  };
}

/**
 * Writes the host's configuration (the JSON format drivers/dnie `loadTerminalConfig` reads) into `dir`:
 * terminal.json, component-root.pem, terminal-ca.cvc, {pin,user}-ifd.cvc, {pin,user}-ifd.key.pem
 * (mode 0600). For tests' temporary folders only. Returns the JSON path.
 */
export async function writeTerminalConfig(dir: string, pki: ComponentPki): Promise<string> {
  await mkdir(dir, { recursive: true });
  const put = (name: string, data: Uint8Array | string, mode = 0o644): Promise<void> =>
    writeFile(join(dir, name), data, { mode });
  await put(
    'component-root.pem',
    pki.componentRoot.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  await put('terminal-ca.cvc', pki.terminalCa.cvc);
  const entry = async (role: 'pin' | 'user'): Promise<Record<string, string>> => {
    await put(`${role}-ifd.cvc`, pki[role].cvc);
    await put(
      `${role}-ifd.key.pem`,
      pki[role].privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      0o600,
    );
    return {
      caCvc: 'terminal-ca.cvc',
      caReference: Buffer.from(pki.terminalCa.chr).toString('hex').toUpperCase(),
      ifdCvc: `${role}-ifd.cvc`,
      ifdPrivateKey: `${role}-ifd.key.pem`,
      ifdSerial: Buffer.from(pki[role].serial).toString('hex').toUpperCase(),
    };
  };
  const config = {
    componentRootPublicKey: 'component-root.pem',
    rootKeyReference: '020F',
    iccKeyReference: '021F',
    pin: await entry('pin'),
    user: await entry('user'),
  };
  const path = join(dir, 'terminal.json');
  await put('terminal.json', `${JSON.stringify(config, null, 2)}\n`);
  return path;
}
