/**
 * Wire tests: the simulator on a real socat pty pair and on real TCP, driven by a tiny ECR written here
 * from the spec (zvt.md), byte by byte. Nothing from drivers/ and, for the ECR side, nothing from this
 * folder either: its CRC, framing and BMP reading are its own.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaymentSimulator, startSimulator } from './index.ts';

// ---- the hand-written ECR -------------------------------------------------------------------------

const h = (s: string): Buffer => Buffer.from(s.replaceAll(' ', ''), 'hex');
const hx = (b: Uint8Array): string =>
  Buffer.from(b)
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

/** CRC-16/KERMIT, nibble-wise (a different formulation from the simulator's bit loop). */
function kermit(bytes: Uint8Array): number {
  let crc = 0;
  for (const c of bytes) {
    crc = (crc >> 4) ^ (((crc ^ c) & 0x0f) * 0x1081);
    crc = (crc >> 4) ^ (((crc ^ (c >> 4)) & 0x0f) * 0x1081);
  }
  return crc;
}

/** Byte source with a deadline per read. */
class ByteReader {
  #buf: number[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }
  push(chunk: Uint8Array): void {
    this.#buf.push(...chunk);
    this.#wake?.();
  }
  async byte(timeoutMs = 2_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.#buf.length === 0) {
      if (this.#ended) throw new Error('ECR: connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('ECR: no byte from the terminal');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    return this.#buf.shift()!;
  }
  async bytes(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await this.byte());
    return out;
  }
}

/** TCP: APDUs straight on the socket, length from the header (zvt.md §2.2). */
class TcpEcr {
  readonly reader = new ByteReader();
  readonly socket: Socket;
  constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (d: Buffer) => this.reader.push(d));
    socket.on('close', () => this.reader.end());
  }
  static open(port: number): Promise<TcpEcr> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new TcpEcr(s)));
      s.once('error', reject);
    });
  }
  send(apdu: Buffer): void {
    this.socket.write(apdu);
  }
  async apdu(): Promise<Buffer> {
    const head = await this.reader.bytes(3);
    let len = head[2]!;
    if (len === 0xff) {
      const ext = await this.reader.bytes(2);
      head.push(...ext);
      len = ext[0]! | (ext[1]! << 8);
    }
    return Buffer.from([...head, ...(await this.reader.bytes(len))]);
  }
  close(): void {
    this.socket.destroy();
  }
}

/** Serial: DLE STX … DLE ETX CRC, DLE doubling, ACK/NAK bytes (zvt.md §2.1). */
class SerialEcr {
  readonly reader = new ByteReader();
  readonly nakNextFrames = { count: 0 };
  badFramesSeen = 0;
  readonly port: SerialPort;
  constructor(port: SerialPort) {
    this.port = port;
    port.on('data', (d: Buffer) => this.reader.push(d));
  }
  static open(path: string): Promise<SerialEcr> {
    const port = new SerialPort({ path, baudRate: 9600, stopBits: 2, autoOpen: false });
    return new Promise((resolve, reject) => port.open((e) => (e ? reject(e) : resolve(new SerialEcr(port)))));
  }
  static frame(apdu: Buffer): Buffer {
    const body = [...apdu].flatMap((b) => (b === 0x10 ? [0x10, 0x10] : [b]));
    const crc = kermit(Buffer.from([...apdu, 0x03]));
    return Buffer.from([0x10, 0x02, ...body, 0x10, 0x03, crc & 0xff, crc >> 8]);
  }
  write(bytes: Buffer): void {
    this.port.write(bytes);
  }
  /** Reads one frame; NAKs bad ones (and waits for the repeat), ACKs good ones. */
  async frame(): Promise<Buffer> {
    for (;;) {
      expect([await this.reader.byte(), await this.reader.byte()]).toEqual([0x10, 0x02]);
      const apdu: number[] = [];
      for (;;) {
        const b = await this.reader.byte();
        if (b !== 0x10) {
          apdu.push(b);
          continue;
        }
        const next = await this.reader.byte();
        if (next === 0x10) apdu.push(0x10);
        else if (next === 0x03) break;
        else throw new Error(`ECR: DLE ${next} in frame`);
      }
      const [lo, hi] = await this.reader.bytes(2);
      const ok = (lo! | (hi! << 8)) === kermit(Buffer.from([...apdu, 0x03]));
      if (ok && this.nakNextFrames.count === 0) {
        this.write(h('06'));
        return Buffer.from(apdu);
      }
      if (!ok) this.badFramesSeen++;
      else this.nakNextFrames.count--;
      this.write(h('15'));
    }
  }
  /** Sends an APDU framed and expects the ACK byte. */
  async send(apdu: Buffer): Promise<void> {
    this.write(SerialEcr.frame(apdu));
    expect(await this.reader.byte()).toBe(0x06);
  }
  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

interface Exchange {
  readonly messages: Buffer[];
  readonly last: Buffer;
}

/** Plays the ECR's part of one command: expects 80 00, acks every PT message until 06 0F / 06 1E. */
async function runTcp(ecr: TcpEcr, command: Buffer): Promise<Exchange> {
  ecr.send(command);
  expect(hx(await ecr.apdu())).toBe('80 00 00');
  const messages: Buffer[] = [];
  for (;;) {
    const m = await ecr.apdu();
    messages.push(m);
    ecr.send(h('800000'));
    if (m[0] === 0x06 && (m[1] === 0x0f || m[1] === 0x1e)) return { messages, last: m };
  }
}

async function runSerial(ecr: SerialEcr, command: Buffer): Promise<Exchange> {
  await ecr.send(command);
  expect(hx(await ecr.frame())).toBe('80 00 00');
  const messages: Buffer[] = [];
  for (;;) {
    const m = await ecr.frame();
    messages.push(m);
    // 80 00 00 framed, as written out in zvt.md §2.1.
    ecr.write(h('1002 800000 1003 F51F'));
    expect(await ecr.reader.byte()).toBe(0x06);
    if (m[0] === 0x06 && (m[1] === 0x0f || m[1] === 0x1e)) return { messages, last: m };
  }
}

/** Reads the BMPs of a 04 0F with the ECR's own length table (zvt.md §4). */
function bmps(statusInfo: Buffer): Map<number, Buffer> {
  // tag → length of the fixed-length BMPs the simulator sends in 04 0F; 22 / 8B are LLVAR, 60 LLLVAR.
  const fixed = new Map<number, number>([
    [0x27, 1],
    [0x04, 6],
    [0x49, 2],
    [0x0b, 3],
    [0x87, 2],
    [0x88, 3],
    [0x29, 4],
    [0x0c, 3],
    [0x0d, 2],
    [0xaa, 3],
    [0x8a, 1],
    [0x0e, 2],
    [0x3b, 8],
  ]);
  const data = statusInfo.subarray(statusInfo[2] === 0xff ? 5 : 3);
  const out = new Map<number, Buffer>();
  let i = 0;
  while (i < data.length) {
    const tag = data[i++]!;
    let len = fixed.get(tag);
    if (len === undefined) {
      const digits = tag === 0x60 ? 3 : 2; // 60 LLLVAR; 22 and 8B LLVAR
      len = 0;
      for (let k = 0; k < digits; k++) len = len * 10 + (data[i++]! & 0x0f);
    }
    out.set(tag, data.subarray(i, i + len));
    i += len;
  }
  return out;
}
const bcd = (b: Buffer | undefined): number => Number((b ?? Buffer.alloc(0)).toString('hex'));
const statusInfoOf = (x: Exchange): Buffer => x.messages.find((m) => m[0] === 0x04 && m[1] === 0x0f)!;

/** Processes whose command line contains `text` (a unique temporary path of this test). */
function pidsWithArg(text: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='])
    .toString()
    .split('\n')
    .filter((line) => line.includes(text))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
}

// ---- the tests ------------------------------------------------------------------------------------

describe('wire: ZVT simulator over a socat pty pair and TCP', () => {
  let dir: string;
  let sim: PaymentSimulator;
  let tcp: TcpEcr;
  let serial: SerialEcr;
  let ecrPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zvtsim-wire-'));
    ecrPath = join(dir, 'ecr');
    sim = await startSimulator({
      tcp: { port: 0 },
      serial: { link: ecrPath },
      now: () => new Date('2026-03-01T10:20:30Z'),
      ackTimeoutMs: 2_000,
    });
    tcp = await TcpEcr.open(sim.tcpPort!);
    serial = await SerialEcr.open(sim.serialPath!);
  });

  afterAll(async () => {
    tcp?.close();
    await serial?.close();
    await sim?.stop();
    // socat removes its links when it exits: no link left means no socat left.
    expect(existsSync(ecrPath)).toBe(false);
    expect(existsSync(`${ecrPath}.pt`)).toBe(false);
    expect(pidsWithArg(ecrPath)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('TCP: approves a payment of 10,00 € and books it in the journal', async () => {
    const x = await runTcp(tcp, h('0601 07 04 000000001000'));
    expect(hx(x.last)).toBe('06 0F 00');
    const f = bmps(statusInfoOf(x));
    expect(hx(f.get(0x27)!)).toBe('00');
    expect(bcd(f.get(0x04))).toBe(1000);
    const receiptNo = bcd(f.get(0x87));
    expect(sim.journal.findPayment(receiptNo)).toMatchObject({ amountCents: 1000, kind: 'payment' });
  });

  it('TCP: declines with the configured result code and books nothing', async () => {
    sim.queueScenario({ kind: 'declined', resultCode: 0x05 });
    const before = sim.journal.entries.length;
    const x = await runTcp(tcp, h('0601 07 04 000000002000'));
    expect(hx(x.last)).toBe('06 1E 01 05');
    expect(hx(bmps(statusInfoOf(x)).get(0x27)!)).toBe('05');
    expect(sim.journal.entries).toHaveLength(before);
  });

  it('serial: NAKs a frame with a corrupted CRC, then accepts the good one', async () => {
    serial.write(h('1002 0601 07 04 0000000010 1000 1003 6292'));
    expect(await serial.reader.byte()).toBe(0x15);
    // Registration with the spec's worked frame (config BA: print lines, intermediate statuses).
    serial.write(h('1002 0600 06 000000 BA 0978 1003 D0D8'));
    expect(await serial.reader.byte()).toBe(0x06);
    expect(hx(await serial.frame())).toBe('80 00 00');
    const completion = await serial.frame();
    expect(hx(completion.subarray(0, 2))).toBe('06 0F');
    serial.write(h('1002 800000 1003 F51F'));
    expect(await serial.reader.byte()).toBe(0x06);
  });

  it('serial: approves 10,00 € (DLE-doubled amount) with statuses and print lines', async () => {
    const x = await runSerial(serial, h('0601 07 04 000000001000'));
    const kinds = x.messages.map((m) => hx(m.subarray(0, 2)));
    expect(kinds.slice(0, 3)).toEqual(['04 FF', '04 FF', '04 FF']);
    expect(kinds).toContain('06 D1');
    expect(hx(x.last)).toBe('06 0F 00');
    const f = bmps(statusInfoOf(x));
    expect(hx(f.get(0x27)!)).toBe('00');
    expect(bcd(f.get(0x04))).toBe(1000);
    expect(f.get(0x8b)?.toString('latin1')).toBe('VISA');
  });

  it('serial: repeats a frame after the ECR NAKs it (PT-side corrupted CRC and NAK storm)', async () => {
    sim.injectSerialFaults({ corruptOutgoing: 2, nakIncoming: 1 });
    const cmd = SerialEcr.frame(h('0620 03 000000'));
    serial.write(cmd);
    expect(await serial.reader.byte()).toBe(0x15); // NAK storm: the PT refuses the first copy
    const x = await runSerial(serial, h('0620 03 000000')); // repeat receipt of the last payment
    expect(serial.badFramesSeen).toBe(2);
    expect(bcd(bmps(statusInfoOf(x)).get(0x04))).toBe(1000);
  });

  it('TCP: timeout scenario acks, then the terminal stays silent', async () => {
    sim.queueScenario({ kind: 'timeout', silenceMs: 5_000 });
    tcp.send(h('0601 07 04 000000000500'));
    expect(hx(await tcp.apdu())).toBe('80 00 00');
    await expect(tcp.reader.byte(300)).rejects.toThrow('no byte');
    sim.wake();
    expect(sim.mode).toBe('up');
  });

  it('TCP: reboot drops the connection; after it, Repeat receipt shows the recorded payment', async () => {
    sim.queueScenario({ kind: 'reboot', recorded: true, downMs: 5_000 });
    const closed = new Promise<void>((resolve) => tcp.socket.once('close', () => resolve()));
    tcp.send(h('0601 07 04 000000000700'));
    expect(hx(await tcp.apdu())).toBe('80 00 00');
    for (;;) {
      const m = await tcp.apdu().catch(() => undefined);
      if (!m) break;
      expect(hx(m.subarray(0, 2))).toBe('04 FF'); // no result before the reboot
      tcp.send(h('800000'));
    }
    await closed;
    expect(sim.mode).toBe('rebooting');
    sim.wake();
    tcp = await TcpEcr.open(sim.tcpPort!);
    const x = await runTcp(tcp, h('0620 03 000000'));
    const f = bmps(statusInfoOf(x));
    expect(bcd(f.get(0x04))).toBe(700);
    expect(sim.journal.findPayment(bcd(f.get(0x87)))?.amountCents).toBe(700);
    // Reverse it so that the End-of-Day below only counts what the kiosk kept.
    const rev = await runTcp(tcp, Buffer.concat([h('0630 06 000000 87'), f.get(0x87)!]));
    expect(hx(rev.last)).toBe('06 0F 00');
  });

  it('TCP: End-of-Day reports the day totals (BMP 04 and 60), then the day starts empty', async () => {
    sim.queueScenario({
      kind: 'approved',
      card: { type: 6, name: 'MASTERCARD', pan: '5454**5454', expiry: '2912' },
    });
    await runTcp(tcp, h('0601 07 04 000000002550'));
    const x = await runTcp(tcp, h('0650 03 000000'));
    expect(hx(x.last)).toBe('06 0F 00');
    const f = bmps(statusInfoOf(x));
    expect(hx(f.get(0x27)!)).toBe('00');
    // Approved today: 10,00 (TCP, Visa) + 10,00 (serial, Visa) + 25,50 (Mastercard); the decline does not count.
    expect(bcd(f.get(0x04))).toBe(4550);
    const t = f.get(0x60)!;
    expect(t).toHaveLength(53);
    const group = (i: number) => ({ count: t[4 + 7 * i], cents: bcd(t.subarray(5 + 7 * i, 11 + 7 * i)) });
    expect(group(2)).toEqual({ count: 1, cents: 2550 }); // Eurocard/Mastercard
    expect(group(4)).toEqual({ count: 2, cents: 2000 }); // Visa
    expect(group(0)).toEqual({ count: 0, cents: 0 }); // girocard
    expect(sim.journal.entries).toEqual([]);
    expect(sim.journal.closedBatches.at(-1)?.totals.grandTotalCents).toBe(4550);
  });
});

describe('wire: CLI entry', () => {
  it('prints where it listens and stops cleanly on SIGTERM, closing socat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvtsim-cli-'));
    const link = join(dir, 'ecr');
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, 'main.ts'), '--tcp', '0', '--pty', link],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`CLI not ready: ${out}`)), 5_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('serial for the kiosk') && out.includes('listening on tcp')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(out).toContain(`serial for the kiosk at ${link}`);
      expect(existsSync(link)).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(link)).toBe(false);
      expect(pidsWithArg(link)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      // Should the CLI die without stopping, its socat (found by our unique link path) goes too.
      for (const pid of pidsWithArg(link)) process.kill(pid, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('wire: journal file', () => {
  it('keeps the journal across a restart of the simulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zvtsim-restart-'));
    const journalPath = join(dir, 'journal.json');
    try {
      const first = await startSimulator({ tcp: { port: 0 }, journalPath });
      const ecr = await TcpEcr.open(first.tcpPort!);
      await runTcp(ecr, h('0601 07 04 000000004200'));
      ecr.close();
      await first.stop();

      const second = await startSimulator({ tcp: { port: 0 }, journalPath });
      try {
        expect(second.journal.entries.map((e) => e.amountCents)).toEqual([4200]);
        const again = await TcpEcr.open(second.tcpPort!);
        const x = await runTcp(again, h('0620 03 000000'));
        again.close();
        expect(bcd(bmps(statusInfoOf(x)).get(0x04))).toBe(4200);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
