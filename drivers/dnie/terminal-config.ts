/**
 * The terminal's side of CWA-14890 as configuration (dnie.md §4.1, §4.3): the component root public key
 * that signs the card's 6020/601F, and for each channel (PIN, user) the IFD-side CA CVC and its CHR, the
 * IFD CVC, the IFD RSA-1024 private key and SN.IFD; plus the key references in the card. Production
 * uses the values DGP published; tests generate their own at run time. Nothing here is hard-coded.
 *
 * File format (JSON; relative paths are resolved against the JSON file's folder):
 *   { "componentRootPublicKey": "root.pem", "rootKeyReference": "020F", "iccKeyReference": "021F",
 *     "pin":  { "caCvc": "ca.cvc", "caReference": "6573534449620018", "ifdCvc": "pin.cvc",
 *               "ifdPrivateKey": "pin.key.pem", "ifdSerial": "D002E00000000004" },
 *     "user": { ...same fields... } }
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { TerminalConfigError } from './errors.ts';

export interface TerminalIdentity {
  /** C_CV_CA, the whole 7F21 object sent with PSO VERIFY CERTIFICATE. */
  readonly caCvc: Uint8Array;
  /** The CHR of that CA (8 bytes), selected with MSE SET DST before the IFD CVC. */
  readonly caReference: Uint8Array;
  /** C_CV_IFD. */
  readonly ifdCvc: Uint8Array;
  readonly ifdPrivateKey: KeyObject;
  /** SN.IFD, 8 bytes. */
  readonly ifdSerial: Uint8Array;
}

export interface TerminalConfig {
  readonly componentRootPublicKey: KeyObject;
  /** Key reference of the terminal root public key in the card (`02 0F`). */
  readonly rootKeyReference: Uint8Array;
  /** Key reference of the card's component private key (`02 1F`). */
  readonly iccKeyReference: Uint8Array;
  /** The identity VERIFY runs under (DNIe 3.0/4.0). */
  readonly pin: TerminalIdentity;
  /** The identity signing runs under (and the only one on DNIe 1.x/2.0). */
  readonly user: TerminalIdentity;
}

function hexField(value: unknown, name: string, length: number): Uint8Array {
  if (typeof value !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(value) || value.length !== length * 2) {
    throw new TerminalConfigError(`${name} must be ${length} bytes in hex`);
  }
  return new Uint8Array(Buffer.from(value, 'hex'));
}

async function fileField(base: string, value: unknown, name: string): Promise<Buffer> {
  if (typeof value !== 'string' || value === '') throw new TerminalConfigError(`${name} must be a file path`);
  try {
    return await readFile(resolve(base, value));
  } catch (error) {
    throw new TerminalConfigError(`${name}: cannot read ${value}`, { cause: error });
  }
}

async function identity(base: string, raw: unknown, name: string): Promise<TerminalIdentity> {
  if (typeof raw !== 'object' || raw === null) throw new TerminalConfigError(`${name} must be an object`);
  const fields = raw as Record<string, unknown>;
  const keyPem = await fileField(base, fields.ifdPrivateKey, `${name}.ifdPrivateKey`);
  let ifdPrivateKey: KeyObject;
  try {
    ifdPrivateKey = createPrivateKey(keyPem);
  } catch (error) {
    throw new TerminalConfigError(`${name}.ifdPrivateKey is not a private key`, { cause: error });
  } finally {
    keyPem.fill(0);
  }
  if (
    ifdPrivateKey.asymmetricKeyType !== 'rsa' ||
    ifdPrivateKey.asymmetricKeyDetails?.modulusLength !== 1024
  ) {
    throw new TerminalConfigError(`${name}.ifdPrivateKey must be RSA-1024`);
  }
  return {
    caCvc: new Uint8Array(await fileField(base, fields.caCvc, `${name}.caCvc`)),
    caReference: hexField(fields.caReference, `${name}.caReference`, 8),
    ifdCvc: new Uint8Array(await fileField(base, fields.ifdCvc, `${name}.ifdCvc`)),
    ifdPrivateKey,
    ifdSerial: hexField(fields.ifdSerial, `${name}.ifdSerial`, 8),
  };
}

/** Reads and checks the terminal configuration JSON and the files it names. Throws TerminalConfigError. */
export async function loadTerminalConfig(path: string): Promise<TerminalConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TerminalConfigError(`${path}: not readable JSON`, { cause: error });
  }
  if (typeof raw !== 'object' || raw === null) throw new TerminalConfigError(`${path}: not an object`);
  const fields = raw as Record<string, unknown>;
  const base = dirname(path);
  let componentRootPublicKey: KeyObject;
  try {
    componentRootPublicKey = createPublicKey(
      await fileField(base, fields.componentRootPublicKey, 'componentRootPublicKey'),
    );
  } catch (error) {
    if (error instanceof TerminalConfigError) throw error;
    throw new TerminalConfigError('componentRootPublicKey is not a public key', { cause: error });
  }
  return {
    componentRootPublicKey,
    rootKeyReference:
      fields.rootKeyReference === undefined
        ? Uint8Array.of(0x02, 0x0f)
        : hexField(fields.rootKeyReference, 'rootKeyReference', 2),
    iccKeyReference:
      fields.iccKeyReference === undefined
        ? Uint8Array.of(0x02, 0x1f)
        : hexField(fields.iccKeyReference, 'iccKeyReference', 2),
    pin: await identity(base, fields.pin, 'pin'),
    user: await identity(base, fields.user, 'user'),
  };
}
