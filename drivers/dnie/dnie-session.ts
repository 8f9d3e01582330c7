/**
 * One DNIe in one reader, over a PC/SC connection (I/O; the codecs live in secure-messaging.ts,
 * cwa14890.ts, tlv.ts). Steps, each citing dnie.md:
 * - read the authentication certificate without PIN (§3; 3.0/4.0 only: on 1.x/2.0 it needs the PIN);
 * - open the CWA-14890 channel (§4.1) with the configured terminal identity;
 * - VERIFY inside SM (§5) with typed results;
 * - sign a challenge with the authentication key: MSE SET DST `41 B6 84 02 01 01`, PSO CDS `2A 9E 9A`
 *   with the DigestInfo built on the host (§6).
 * Holds the SM keys only while a channel is open; any plain APDU sent ends the channel on the card
 * (§4.2), so the session forgets its keys before sending one.
 */
import { randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import {
  type ApduChannel,
  type CommandApdu,
  readCurrentFile,
  type ResponseApdu,
  StatusWordError,
  statusWordText,
} from '../pcsc/index.ts';
import { challengeDigestInfo, type CitizenCertificate, parseCertificate } from '../pki/index.ts';
import { certificateFromFile } from './certificate-file.ts';
import { dnieVersion, type DnieVersion } from './card-version.ts';
import { buildIfdAuthentication, checkIccAuthentication, deriveSessionKeys, RSA_BYTES } from './cwa14890.ts';
import { DnieError, SmFormatError, SmMacError, TerminalConfigError } from './errors.ts';
import { type SmKeys, type Ssc, unwrapResponse, wrapCommand } from './secure-messaging.ts';
import type { TerminalConfig, TerminalIdentity } from './terminal-config.ts';

export interface DnieTransport extends ApduChannel {
  readonly atr: Uint8Array;
}

export type PinResult =
  | { readonly status: 'verified' }
  | { readonly status: 'wrong'; readonly triesLeft: number }
  | { readonly status: 'blocked' };

export interface DnieSessionOptions {
  /** Needed to open the secure channel; reading free files works without it. */
  readonly terminal?: TerminalConfig;
  /** Randomness for RND.IFD, PRND2, Kifd; crypto.randomBytes by default. */
  readonly random?: (length: number) => Uint8Array;
  /** Paths of the authentication certificate (default 6081/7004; the CDF is the real source, dnie.md §3). */
  readonly authenticationCertificatePath?: readonly number[];
}

/** Where the certificates live on the cards we know (dnie.md §3); the CDF is not parsed yet. */
export const AUTHENTICATION_CERTIFICATE_PATH = [0x6081, 0x7004] as const;
export const SIGNATURE_CERTIFICATE_PATH = [0x6081, 0x7005] as const;
const ICC_CA_FID = 0x6020;
const ICC_FID = 0x601f;
const MF = 0x3f00;
/** Key reference of the authentication private key (KprivAutenticacion, dnie.md §3, §6). */
const AUTHENTICATION_KEY = 0x01;

const SW_OK = 0x9000;
const SW_PIN_BLOCKED = 0x6983;
const SW_SECURITY = 0x6982;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function swText(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

export class DnieSession {
  readonly version: DnieVersion;
  readonly #transport: DnieTransport;
  readonly #terminal: TerminalConfig | undefined;
  readonly #random: (length: number) => Uint8Array;
  readonly #certificatePath: readonly number[];
  #sm: { keys: SmKeys; ssc: Ssc } | undefined;
  #serial: Uint8Array | undefined;
  #iccPublicKey: KeyObject | undefined;
  /** The READ BINARY chunk the card settled on, reused as the first Le of the next file. */
  #chunk = 256;
  /** Where SELECT left us: undefined after a plain SELECT of an EF outside the MF. */
  #atMf = true;

  constructor(transport: DnieTransport, options: DnieSessionOptions = {}) {
    this.#transport = transport;
    this.#terminal = options.terminal;
    this.#random = options.random ?? ((length) => new Uint8Array(randomBytes(length)));
    this.#certificatePath = options.authenticationCertificatePath ?? AUTHENTICATION_CERTIFICATE_PATH;
    this.version = dnieVersion(transport.atr);
  }

  get channelOpen(): boolean {
    return this.#sm !== undefined;
  }

  /** Refuses anything that is not a usable DNIe. */
  #requireDnie(): Extract<DnieVersion, { kind: 'dnie' }> {
    const version = this.version;
    if (version.kind === 'dnie') return version;
    if (version.kind === 'burnt') throw new DnieError('burnt', 'ATR life cycle 0F 65 81');
    if (version.kind === 'contactless-hint')
      throw new DnieError('unsupported_version', 'contactless ATR: PACE not implemented');
    throw new DnieError('not_a_dnie', `ATR ${hex(this.#transport.atr)}`);
  }

  async #plain(command: CommandApdu): Promise<ResponseApdu> {
    this.#sm = undefined;
    return this.#transport.transmit(command);
  }

  async #plainOk(command: CommandApdu, what: string): Promise<Uint8Array> {
    const response = await this.#plain(command);
    if (response.sw !== SW_OK) throw new StatusWordError(response.sw, statusWordText(response.sw), what);
    return response.data;
  }

  /** SELECT by FID without FCI (P2=0C): one APDU, no GET RESPONSE. */
  /**
   * SELECT by FID without FCI (P2=0C): one APDU, no GET RESPONSE. Inside the channel when one is open
   * (a plain SELECT would end it, dnie.md §4.2).
   */
  async #select(fid: number): Promise<void> {
    const command: CommandApdu = {
      cla: 0,
      ins: 0xa4,
      p1: 0,
      p2: 0x0c,
      data: Uint8Array.of(fid >> 8, fid & 0xff),
    };
    const what = `SELECT ${fid.toString(16)}`;
    if (this.#sm === undefined) {
      await this.#plainOk(command, what);
      return;
    }
    const response = await this.#secure(command);
    if (response.sw !== SW_OK) throw new StatusWordError(response.sw, statusWordText(response.sw), what);
  }

  async #readPath(path: readonly number[]): Promise<Uint8Array> {
    if (!this.#atMf) await this.#select(MF);
    for (const fid of path) await this.#select(fid);
    this.#atMf = path.length === 1;
    const channel: ApduChannel =
      this.#sm === undefined ? this.#plainChannel() : { transmit: (command) => this.#secure(command) };
    const result = await readCurrentFile(channel, { firstLe: this.#chunk });
    this.#chunk = result.chunk;
    return result.data;
  }

  #plainChannel(): ApduChannel {
    return { transmit: (command) => this.#plain(command) };
  }

  /** Sends one command inside the channel; the answer is the inner (real) status word and data. */
  async #secure(command: CommandApdu): Promise<ResponseApdu> {
    const sm = this.#sm;
    if (sm === undefined) throw new DnieError('channel_lost', 'no secure channel open');
    const wrapped = wrapCommand(sm.keys, sm.ssc, command);
    sm.ssc = wrapped.ssc;
    let outer: ResponseApdu;
    try {
      outer = await this.#transport.transmit(wrapped.command);
    } catch (error) {
      this.#sm = undefined;
      throw error;
    }
    if (outer.sw !== SW_OK || outer.data.length === 0) {
      // 6987/6988/6688: the card has dropped its SM keys (dnie.md §2).
      this.#sm = undefined;
      throw new DnieError(
        'channel_lost',
        `SM command ${hex(Uint8Array.of(command.ins))} answered ${swText(outer.sw)} in plain`,
        outer.sw,
      );
    }
    try {
      const opened = unwrapResponse(sm.keys, sm.ssc, outer);
      sm.ssc = opened.ssc;
      const inner = opened.response;
      // ISO 7816-3 6Cxx inside SM: the same command again with the right Le.
      if (inner.sw >> 8 === 0x6c && command.le !== undefined) {
        return this.#secure({ ...command, le: inner.sw & 0xff || 256 });
      }
      return inner;
    } catch (error) {
      this.#sm = undefined;
      if (error instanceof SmMacError || error instanceof SmFormatError) {
        throw new DnieError('channel_lost', error.detail ?? error.message, undefined, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The authentication certificate (dnie.md §3), parsed by drivers/pki: in plain and without PIN on
   * DNIe 3.0/4.0; on 1.x/2.0 only inside the channel after VERIFY (read through SM when one is open).
   */
  async readAuthenticationCertificate(): Promise<CitizenCertificate> {
    const version = this.#requireDnie();
    let file: Uint8Array;
    try {
      file = await this.#readPath(this.#certificatePath);
    } catch (error) {
      if (error instanceof StatusWordError && error.sw === SW_SECURITY && version.generation === 'dnie2') {
        throw new DnieError(
          'pin_not_verified',
          'DNIe 1.x/2.0 needs VERIFY before the certificates',
          error.sw,
        );
      }
      throw error;
    }
    try {
      return parseCertificate(certificateFromFile(file));
    } catch (error) {
      if (error instanceof DnieError) throw error;
      throw new DnieError('certificate_unreadable', 'authentication certificate does not parse', undefined, {
        cause: error,
      });
    }
  }

  /** Reads any certificate file by path (e.g. the signing certificate, for the birth date). */
  async readCertificateFile(path: readonly number[]): Promise<Uint8Array> {
    this.#requireDnie();
    return certificateFromFile(await this.#readPath(path));
  }

  /** Step 0–1 of §4.1: chip serial, 6020 and 601F checked up to the configured component root. */
  #terminalConfig(): TerminalConfig {
    if (this.#terminal === undefined)
      throw new TerminalConfigError('no terminal configuration: the secure channel cannot be opened');
    return this.#terminal;
  }

  async #loadComponent(): Promise<{ serial: Uint8Array; iccPublicKey: KeyObject }> {
    if (this.#serial !== undefined && this.#iccPublicKey !== undefined) {
      return { serial: this.#serial, iccPublicKey: this.#iccPublicKey };
    }
    const serial = await this.#plainOk({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 }, 'GET CHIP SERIAL');
    if (serial.length !== 7) throw new DnieError('card_not_genuine', `chip serial of ${serial.length} bytes`);
    const caDer = certificateFromFile(await this.#readPath([ICC_CA_FID]));
    const iccDer = certificateFromFile(await this.#readPath([ICC_FID]));
    let iccPublicKey: KeyObject;
    try {
      const ca = new X509Certificate(caDer);
      const icc = new X509Certificate(iccDer);
      if (!ca.verify(this.#terminalConfig().componentRootPublicKey))
        throw new DnieError('card_not_genuine', '6020 is not signed by the component root');
      if (!icc.verify(ca.publicKey)) throw new DnieError('card_not_genuine', '601F is not signed by 6020');
      iccPublicKey = icc.publicKey;
    } catch (error) {
      if (error instanceof DnieError) throw error;
      throw new DnieError('card_not_genuine', 'component certificates do not parse', undefined, {
        cause: error,
      });
    }
    if (iccPublicKey.asymmetricKeyDetails?.modulusLength !== RSA_BYTES * 8) {
      throw new DnieError('card_not_genuine', 'PK.ICC is not RSA-1024');
    }
    this.#serial = serial;
    this.#iccPublicKey = iccPublicKey;
    return { serial, iccPublicKey };
  }

  async #expectOk(
    command: CommandApdu,
    what: string,
    failure: 'channel_refused' | 'card_not_genuine',
  ): Promise<Uint8Array> {
    const response = await this.#plain(command);
    if (response.sw !== SW_OK)
      throw new DnieError(failure, `${what} answered ${swText(response.sw)}`, response.sw);
    return response.data;
  }

  /**
   * Opens a CWA-14890 channel (dnie.md §4.1 steps 2–10) with the PIN or user identity. A channel
   * already open is closed first with a plain SELECT MF (the card answers 6987 and forgets it).
   */
  async openSecureChannel(role: 'pin' | 'user'): Promise<void> {
    const version = this.#requireDnie();
    const terminal = this.#terminalConfig();
    const identity: TerminalIdentity = terminal[role];
    const { serial, iccPublicKey } = await this.#loadComponent();
    if (this.#sm !== undefined) await this.closeSecureChannel();
    const mse = (p1p2: number, reference: Uint8Array): CommandApdu => ({
      cla: 0,
      ins: 0x22,
      p1: p1p2 >> 8,
      p2: p1p2 & 0xff,
      data: concat(Uint8Array.of(0x83, reference.length), reference),
    });
    await this.#expectOk(mse(0x81b6, terminal.rootKeyReference), 'MSE SET DST root', 'channel_refused');
    await this.#expectOk(
      { cla: 0, ins: 0x2a, p1: 0x00, p2: 0xae, data: identity.caCvc },
      'PSO VERIFY CERTIFICATE CA',
      'channel_refused',
    );
    await this.#expectOk(mse(0x81b6, identity.caReference), 'MSE SET DST CA', 'channel_refused');
    await this.#expectOk(
      { cla: 0, ins: 0x2a, p1: 0x00, p2: 0xae, data: identity.ifdCvc },
      'PSO VERIFY CERTIFICATE IFD',
      'channel_refused',
    );
    const ifdChr = concat(new Uint8Array(4), identity.ifdSerial);
    await this.#expectOk(
      {
        cla: 0,
        ins: 0x22,
        p1: 0xc1,
        p2: 0xa4,
        data: concat(Uint8Array.of(0x83, 0x0c), ifdChr, Uint8Array.of(0x84, 0x02), terminal.iccKeyReference),
      },
      'MSE SET AT',
      'channel_refused',
    );
    const rndIfd = this.#random(8);
    const internal = await this.#expectOk(
      { cla: 0, ins: 0x88, p1: 0, p2: 0, data: concat(rndIfd, identity.ifdSerial), le: RSA_BYTES },
      'INTERNAL AUTHENTICATE',
      'card_not_genuine',
    );
    const kicc = checkIccAuthentication({
      response: internal,
      ifdPrivateKey: identity.ifdPrivateKey,
      iccPublicKey,
      rndIfd,
      snIfd: identity.ifdSerial,
    });
    const rndIcc = await this.#expectOk(
      { cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 },
      'GET CHALLENGE',
      'channel_refused',
    );
    if (rndIcc.length !== 8)
      throw new DnieError('channel_refused', `GET CHALLENGE gave ${rndIcc.length} bytes`);
    const kifd = this.#random(32);
    const external = buildIfdAuthentication({
      ifdPrivateKey: identity.ifdPrivateKey,
      iccPublicKey,
      rndIcc,
      snIcc: concat(Uint8Array.of(0), serial),
      prnd2: this.#random(74),
      kifd,
    });
    await this.#expectOk(
      { cla: 0, ins: 0x82, p1: 0, p2: 0, data: external },
      'EXTERNAL AUTHENTICATE',
      'channel_refused',
    );
    const material = deriveSessionKeys(kicc, kifd, rndIcc, rndIfd);
    kicc.fill(0);
    kifd.fill(0);
    this.#sm = {
      keys: { kenc: material.kenc, kmac: material.kmac, macLength: version.macLength },
      ssc: material.ssc,
    };
  }

  /**
   * VERIFY inside the channel (dnie.md §5). The PIN bytes are the caller's buffer; they are wiped before
   * this returns, whatever happens, and appear in no error or log.
   */
  async verifyPin(pin: Uint8Array): Promise<PinResult> {
    const copy = pin.slice();
    pin.fill(0);
    try {
      if (copy.length < 4 || copy.length > 16) throw new DnieError('pin_format', `PIN length outside 4..16`);
      const response = await this.#secure({ cla: 0, ins: 0x20, p1: 0, p2: 0, data: copy });
      return pinResult(response.sw, 'VERIFY');
    } finally {
      copy.fill(0);
    }
  }

  /** The retry counter without a PIN: VERIFY with no data answers 63Cx (dnie.md §5). */
  async pinStatus(): Promise<PinResult> {
    const response = await this.#secure({ cla: 0, ins: 0x20, p1: 0, p2: 0 });
    return pinResult(response.sw, 'VERIFY (retries)');
  }

  /**
   * Signs SHA-256(challenge) as a PKCS#1 v1.5 DigestInfo with the authentication key (dnie.md §6):
   * MSE SET DST then PSO COMPUTE DIGITAL SIGNATURE, both inside the channel. Returns 256 bytes.
   */
  async signChallenge(challenge: Uint8Array): Promise<Uint8Array> {
    const mse = await this.#secure({
      cla: 0,
      ins: 0x22,
      p1: 0x41,
      p2: 0xb6,
      data: Uint8Array.of(0x84, 0x02, 0x01, AUTHENTICATION_KEY),
    });
    if (mse.sw !== SW_OK)
      throw new DnieError('signature_failed', `MSE SET DST answered ${swText(mse.sw)}`, mse.sw);
    const response = await this.#secure({
      cla: 0,
      ins: 0x2a,
      p1: 0x9e,
      p2: 0x9a,
      data: challengeDigestInfo(challenge),
      le: 256,
    });
    if (response.sw === SW_SECURITY)
      throw new DnieError('pin_not_verified', 'PSO CDS answered 6982', response.sw);
    if (response.sw !== SW_OK)
      throw new DnieError('signature_failed', `PSO CDS answered ${swText(response.sw)}`, response.sw);
    if (response.data.length !== 256)
      throw new DnieError('signature_failed', `signature of ${response.data.length} bytes`);
    return response.data;
  }

  /** Ends the channel on the card (a plain SELECT MF; the card answers 6987 and drops its keys). */
  async closeSecureChannel(): Promise<void> {
    if (this.#sm === undefined) return;
    const response = await this.#plain({
      cla: 0,
      ins: 0xa4,
      p1: 0,
      p2: 0x0c,
      data: Uint8Array.of(0x3f, 0x00),
    });
    // 6987: the card dropped the channel without running the SELECT; 9000: it ran it too.
    this.#atMf = response.sw === SW_OK;
  }
}

function pinResult(sw: number, what: string): PinResult {
  if (sw === SW_OK) return { status: 'verified' };
  if (sw === SW_PIN_BLOCKED) return { status: 'blocked' };
  if ((sw & 0xfff0) === 0x63c0)
    return (sw & 0x0f) === 0 ? { status: 'blocked' } : { status: 'wrong', triesLeft: sw & 0x0f };
  throw new DnieError('card_error', `${what} answered ${swText(sw)}`, sw);
}
