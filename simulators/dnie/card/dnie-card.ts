/**
 * The card side of the virtual DNIe: power state, the current DF/EF, and one handler per instruction
 * (a later session registers the CWA-14890 SM, VERIFY and PSO handlers through `handle`). The T=0
 * personality (dnie.md §2, §9) is applied around the handlers: data produced for a command without Le is
 * held back and announced with 61xx for GET RESPONSE; a wrong Le is answered 6Cxx with the right one.
 */
import { type CardCommand, type CardResponse, encodeResponse, parseCommand, respond } from './command.ts';
import {
  type CardFile,
  type DedicatedFile,
  type ElementaryFile,
  fciOf,
  findByPath,
  findDfByName,
  MF_FID,
} from './file-system.ts';

export const SW = {
  OK: 0x9000,
  WRONG_LENGTH: 0x6700,
  SECURITY_NOT_SATISFIED: 0x6982,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

export type CommandHandler = (command: CardCommand, card: DnieCard) => CardResponse;

/**
 * Sits in front of the per-INS handlers (the secure-messaging layer): gets every command except GET
 * RESPONSE and decides whether and how to `dispatch` it to the handlers.
 */
export type CommandInterceptor = (
  command: CardCommand,
  card: DnieCard,
  dispatch: (command: CardCommand) => CardResponse,
) => CardResponse;

export interface DnieCardOptions {
  readonly atr: Uint8Array;
  readonly mf: DedicatedFile;
  /** 7-byte chip serial returned by `90 B8 00 00 07` (dnie.md §1). */
  readonly serial: Uint8Array;
  /** Largest READ BINARY the card answers; a larger Le gets 6Cxx. Assumption: no public figure found. */
  readonly maxReadChunk?: number;
  /** Bytes per GET RESPONSE before the card says 61xx again (to exercise the host's loop). */
  readonly getResponseChunk?: number;
}

/** Class bytes this card accepts: ISO 00, SM 0C (later), proprietary 90 (serial). */
const ACCEPTED_CLA = new Set([0x00, 0x0c, 0x90]);

export class DnieCard {
  readonly atr: Uint8Array;
  readonly mf: DedicatedFile;
  readonly serial: Uint8Array;
  readonly maxReadChunk: number;
  readonly getResponseChunk: number;
  powered = false;
  currentDf: DedicatedFile;
  currentEf: ElementaryFile | undefined;
  /** Set by a later PIN handler; READ BINARY of 'pin' files checks it. */
  pinVerified = false;
  /** Every command APDU received since power-on (for tests). */
  readonly log: Uint8Array[] = [];
  readonly #handlers = new Map<number, CommandHandler>();
  readonly #resetHooks: Array<(card: DnieCard) => void> = [];
  #interceptor: CommandInterceptor | undefined;
  #pending: Uint8Array | undefined;

  constructor(options: DnieCardOptions) {
    this.atr = options.atr;
    this.mf = options.mf;
    this.serial = options.serial;
    this.maxReadChunk = options.maxReadChunk ?? 0xef;
    this.getResponseChunk = options.getResponseChunk ?? 256;
    this.currentDf = options.mf;
    this.handle(0xa4, selectHandler);
    this.handle(0xb0, readBinaryHandler);
    this.handle(0xb8, serialHandler);
  }

  /** Registers (or replaces) the handler of an instruction byte. */
  handle(ins: number, handler: CommandHandler): void {
    this.#handlers.set(ins, handler);
  }

  /** Installs (or replaces) the layer in front of the handlers (secure messaging). */
  intercept(interceptor: CommandInterceptor): void {
    this.#interceptor = interceptor;
  }

  /** Runs on every power-on and reset: later sessions drop SM keys and the PIN flag here. */
  onReset(hook: (card: DnieCard) => void): void {
    this.#resetHooks.push(hook);
  }

  powerOn(): void {
    this.powered = true;
    this.reset();
  }

  powerOff(): void {
    this.powered = false;
    this.reset();
  }

  reset(): void {
    this.currentDf = this.mf;
    this.currentEf = undefined;
    this.pinVerified = false;
    this.#pending = undefined;
    for (const hook of this.#resetHooks) hook(this);
  }

  /** One command APDU in, one response APDU out. */
  process(apdu: Uint8Array): Uint8Array {
    this.log.push(apdu);
    return encodeResponse(this.#process(apdu));
  }

  #process(apdu: Uint8Array): CardResponse {
    const command = parseCommand(apdu);
    if (command === undefined) return respond(SW.WRONG_LENGTH);
    if (!ACCEPTED_CLA.has(command.cla)) return respond(SW.CLA_NOT_SUPPORTED);
    if (command.ins === 0xc0) return this.#getResponse(command);
    this.#pending = undefined;
    const dispatch = (inner: CardCommand): CardResponse => {
      const handler = this.#handlers.get(inner.ins);
      return handler === undefined ? respond(SW.INS_NOT_SUPPORTED) : handler(inner, this);
    };
    const response =
      this.#interceptor === undefined ? dispatch(command) : this.#interceptor(command, this, dispatch);
    if (response.data.length === 0) return response;
    if (command.le === undefined) {
      // T=0 case 3 on the wire (or case 4 with Le dropped): hand the data out through GET RESPONSE.
      this.#pending = response.data;
      return respond(0x6100 | this.#announce(response.data.length));
    }
    if (command.le !== response.data.length && response.data.length <= 256) {
      return respond(0x6c00 | (response.data.length & 0xff));
    }
    return response;
  }

  #announce(remaining: number): number {
    return Math.min(remaining, this.getResponseChunk, 256) & 0xff;
  }

  #getResponse(command: CardCommand): CardResponse {
    const pending = this.#pending;
    if (pending === undefined || command.cla !== 0x00) return respond(SW.CONDITIONS_NOT_SATISFIED);
    if (command.p1 !== 0 || command.p2 !== 0) return respond(SW.WRONG_P1P2);
    const available = Math.min(pending.length, this.getResponseChunk);
    const le = command.le ?? 256;
    if (le > available) return respond(0x6c00 | (available & 0xff));
    const out = pending.slice(0, le);
    const rest = pending.slice(le);
    if (rest.length === 0) {
      this.#pending = undefined;
      return respond(SW.OK, out);
    }
    this.#pending = rest;
    return respond(0x6100 | this.#announce(rest.length), out);
  }
}

/** SELECT (ISO 7816-4 §11.2.2): P1 04 DF name, 00 FID in the current DF, 08 path from the MF; P2 00 FCI, 0C none. */
const selectHandler: CommandHandler = (command, card) => {
  if (command.cla !== 0x00) return respond(SW.CLA_NOT_SUPPORTED);
  if (command.p2 !== 0x00 && command.p2 !== 0x0c) return respond(SW.WRONG_P1P2);
  let found: { file: CardFile; parents: DedicatedFile[] } | undefined;
  switch (command.p1) {
    case 0x04:
      if (command.data.length === 0) return respond(SW.WRONG_LENGTH);
      found = findDfByName(card.mf, command.data);
      break;
    case 0x00: {
      if (command.data.length !== 2) return respond(SW.WRONG_LENGTH);
      const fid = (command.data[0]! << 8) | command.data[1]!;
      found = selectFid(card, fid);
      break;
    }
    case 0x08: {
      if (command.data.length === 0 || command.data.length % 2 !== 0) return respond(SW.WRONG_LENGTH);
      const path: number[] = [];
      for (let i = 0; i < command.data.length; i += 2)
        path.push((command.data[i]! << 8) | command.data[i + 1]!);
      found = findByPath(card.mf, path[0] === MF_FID ? path.slice(1) : path);
      break;
    }
    default:
      return respond(SW.WRONG_P1P2);
  }
  if (found === undefined) return respond(SW.FILE_NOT_FOUND);
  if (found.file.kind === 'df') {
    card.currentDf = found.file;
    card.currentEf = undefined;
  } else {
    card.currentDf = found.parents.at(-1) ?? card.mf;
    card.currentEf = found.file;
  }
  return command.p2 === 0x0c ? respond(SW.OK) : respond(SW.OK, fciOf(found.file));
};

function selectFid(card: DnieCard, fid: number): { file: CardFile; parents: DedicatedFile[] } | undefined {
  if (fid === MF_FID) return { file: card.mf, parents: [] };
  const path = pathOf(card.mf, card.currentDf);
  if (path === undefined) return undefined;
  const here = findByPath(card.mf, path);
  if (here === undefined || here.file.kind !== 'df') return undefined;
  if (here.file.fid === fid) return here;
  const child = here.file.children.find((file) => file.fid === fid);
  if (child !== undefined) return { file: child, parents: [...here.parents, here.file] };
  // ISO also allows the parent DF by FID.
  const parent = here.parents.at(-1);
  if (parent !== undefined && parent.fid === fid) return { file: parent, parents: here.parents.slice(0, -1) };
  return undefined;
}

function pathOf(root: DedicatedFile, target: DedicatedFile): number[] | undefined {
  if (root === target) return [];
  for (const child of root.children) {
    if (child.kind !== 'df') continue;
    const below = pathOf(child, target);
    if (below !== undefined) return [child.fid, ...below];
  }
  return undefined;
}

/** READ BINARY `00 B0 off_hi off_lo Le` (dnie.md §3); offsets past the end 6B00, Le above what the card gives 6Cxx. */
const readBinaryHandler: CommandHandler = (command, card) => {
  if (command.cla !== 0x00) return respond(SW.CLA_NOT_SUPPORTED);
  if ((command.p1 & 0x80) !== 0) return respond(SW.WRONG_P1P2); // short EF identifiers: not on the DNIe
  const file = card.currentEf;
  if (file === undefined) return respond(SW.NO_CURRENT_EF);
  if (file.read === 'never') return respond(SW.SECURITY_NOT_SATISFIED);
  if (file.read === 'pin' && !card.pinVerified) return respond(SW.SECURITY_NOT_SATISFIED);
  const offset = (command.p1 << 8) | command.p2;
  if (offset >= file.data.length) return respond(SW.WRONG_OFFSET);
  const available = Math.min(file.data.length - offset, card.maxReadChunk);
  const le = command.le ?? 256;
  if (le > available) return respond(0x6c00 | (available & 0xff));
  return respond(SW.OK, file.data.slice(offset, offset + le));
};

/** `90 B8 00 00 07`: the 7-byte chip serial (dnie.md §1). */
const serialHandler: CommandHandler = (command, card) => {
  if (command.cla !== 0x90) return respond(SW.CLA_NOT_SUPPORTED);
  if (command.p1 !== 0 || command.p2 !== 0) return respond(SW.WRONG_P1P2);
  return respond(SW.OK, card.serial);
};
