/**
 * Puts a virtual card into the vpcd reader of pcscd: a TCP client of vpcd (dnie.md §9; vpcd listens on
 * 35963 for its first slot). Connecting inserts the card, closing the socket ejects it. Fault modes make
 * the card vanish after N APDUs without answering, answer slowly, or answer garbage.
 */
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { DnieCard } from './card/dnie-card.ts';
import { DnieSimError } from './errors.ts';
import { classifyMessage, encodeFrame, FrameReader, VPCD_DEFAULT_PORT } from './vpcd-protocol.ts';

export interface CardFaults {
  /** After this many APDUs have been answered, the next one is never answered: the socket closes instead. */
  readonly removeAfterApdus?: number;
  /** The card vanishes instead of answering the first command with this INS (and P1, when given). */
  readonly removeOnCommand?: { readonly ins: number; readonly p1?: number };
  /** Delay before every APDU response. */
  readonly latencyMs?: number;
  /** After this many good answers, every APDU gets one byte of garbage (no status word). */
  readonly garbageAfterApdus?: number;
}

export interface VpcdClientOptions {
  readonly card: DnieCard;
  readonly host?: string;
  readonly port?: number;
  readonly faults?: CardFaults;
}

export interface VpcdClientEvents {
  inserted: [];
  removed: [];
  apdu: [command: Uint8Array, response: Uint8Array | undefined];
  control: [kind: string];
}

export class VpcdCardClient extends EventEmitter<VpcdClientEvents> {
  readonly card: DnieCard;
  readonly host: string;
  readonly port: number;
  faults: CardFaults;
  /** APDUs received since the last insert. */
  apduCount = 0;
  #socket: Socket | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: VpcdClientOptions) {
    super();
    this.card = options.card;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? VPCD_DEFAULT_PORT;
    this.faults = options.faults ?? {};
  }

  get inserted(): boolean {
    return this.#socket !== undefined;
  }

  /** Connects to vpcd; resolves once the TCP connection is up (pcscd notices within its polling period). */
  insert(): Promise<void> {
    if (this.#socket !== undefined) return Promise.resolve();
    this.apduCount = 0;
    return new Promise<void>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const reader = new FrameReader();
      let up = false;
      socket.once('connect', () => {
        up = true;
        this.#socket = socket;
        this.emit('inserted');
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        for (const frame of reader.push(chunk)) {
          this.#queue = this.#queue.then(() => this.#onFrame(socket, frame));
        }
      });
      socket.on('error', (error) => {
        if (!up)
          reject(
            new DnieSimError('dnie_sim.connect_failed', `vpcd ${this.host}:${this.port}: ${error.message}`, {
              cause: error,
            }),
          );
      });
      socket.on('close', () => {
        if (this.#socket === socket) {
          this.#socket = undefined;
          this.card.powerOff();
          this.emit('removed');
        }
      });
    });
  }

  /** Closes the socket: vpcd reports the card removed. */
  remove(): Promise<void> {
    const socket = this.#socket;
    if (socket === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  async #onFrame(socket: Socket, frame: Uint8Array): Promise<void> {
    if (socket.destroyed) return;
    const message = classifyMessage(frame);
    switch (message.kind) {
      case 'power-off':
        this.card.powerOff();
        this.emit('control', message.kind);
        return;
      case 'power-on':
        this.card.powerOn();
        this.emit('control', message.kind);
        return;
      case 'reset':
        this.card.reset();
        this.emit('control', message.kind);
        return;
      case 'get-atr':
        socket.write(encodeFrame(this.card.atr));
        return;
      case 'unknown-control':
        this.emit('control', `unknown ${message.value}`);
        return;
      case 'apdu':
        await this.#onApdu(socket, message.apdu);
        return;
    }
  }

  async #onApdu(socket: Socket, apdu: Uint8Array): Promise<void> {
    const seen = this.apduCount++;
    const { removeAfterApdus, latencyMs, garbageAfterApdus, removeOnCommand } = this.faults;
    if (latencyMs !== undefined && latencyMs > 0)
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const pulled =
      removeOnCommand !== undefined &&
      apdu[1] === removeOnCommand.ins &&
      (removeOnCommand.p1 === undefined || apdu[2] === removeOnCommand.p1);
    if (pulled || (removeAfterApdus !== undefined && seen >= removeAfterApdus)) {
      // Card pulled while the command is in flight: no answer, the reader sees the card gone.
      this.emit('apdu', apdu, undefined);
      socket.destroy();
      return;
    }
    if (socket.destroyed) return;
    const response =
      garbageAfterApdus !== undefined && seen >= garbageAfterApdus
        ? Uint8Array.of(0x42)
        : this.card.process(apdu);
    socket.write(encodeFrame(response));
    this.emit('apdu', apdu, response);
  }
}
