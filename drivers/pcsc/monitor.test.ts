import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BindingContext, BindingFactory, BindingReader } from './binding.ts';
import { SCARD_STATE } from './binding.ts';
import type { PcscError } from './errors.ts';
import { ReaderMonitor } from './monitor.ts';

const DNIE_ATR = Buffer.from('3B7F960000006A444E4965100101550421039000', 'hex');

/** A stand-in for the pcsclite binding: the test decides readers, states and transmit answers. */
class FakeReader extends EventEmitter {
  connected = false;
  closed = false;
  answer: ((data: Buffer, cb: (error: unknown, data: Buffer) => void) => void) | undefined;
  readonly name: string;
  constructor(name: string) {
    super();
    this.name = name;
  }
  connect(_options: unknown, callback: (error: unknown, protocol: number) => void): void {
    this.connected = true;
    setImmediate(() => callback(undefined, 1));
  }
  disconnect(_disposition: number, callback: (error: unknown) => void): void {
    this.connected = false;
    setImmediate(() => callback(undefined));
  }
  transmit(
    data: Buffer,
    _length: number,
    _protocol: number,
    callback: (error: unknown, data: Buffer) => void,
  ): void {
    this.answer?.(data, callback);
  }
  close(): void {
    this.closed = true;
  }
}

class FakeContext extends EventEmitter {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

function fakeBinding() {
  const contexts: FakeContext[] = [];
  let up = false;
  const factory: BindingFactory = () => {
    if (!up) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
    const context = new FakeContext();
    contexts.push(context);
    return context as unknown as BindingContext;
  };
  return {
    factory,
    contexts,
    setUp: (value: boolean) => {
      up = value;
    },
  };
}

const until = <T>(emitter: EventEmitter, event: string): Promise<T> =>
  new Promise((resolve) => emitter.once(event, (value: T) => resolve(value)));

describe('ReaderMonitor over a fake binding', () => {
  it('retries until pcscd answers, then reports matching readers and card events only', async () => {
    const binding = fakeBinding();
    const monitor = new ReaderMonitor({
      binding: binding.factory,
      retryMs: 10,
      readerPattern: /Virtual PCD 00 00/,
    });
    const lost = until<PcscError>(monitor, 'service-lost');
    monitor.start();
    expect((await lost).code).toBe('pcsc.no_service');
    binding.setUp(true);
    await until(monitor, 'service-restored');
    const context = binding.contexts[0]!;
    const other = new FakeReader('Other Reader 00 00');
    const vpcd = new FakeReader('Virtual PCD 00 00');
    const added: string[] = [];
    monitor.on('reader-added', (name) => added.push(name));
    context.emit('reader', other as unknown as BindingReader);
    context.emit('reader', vpcd as unknown as BindingReader);
    expect(added).toEqual(['Virtual PCD 00 00']);
    const inserted = monitor.waitForCard(1000);
    vpcd.emit('status', { state: (1 << 16) | SCARD_STATE.PRESENT, atr: DNIE_ATR });
    expect(Buffer.from((await inserted).atr)).toEqual(DNIE_ATR);
    const removed = until(monitor, 'card-removed');
    vpcd.emit('status', { state: (2 << 16) | SCARD_STATE.EMPTY });
    await removed;
    await monitor.stop();
    expect(vpcd.closed && other.closed && context.closed).toBe(true);
  });

  it('a pending command fails fast with card_removed when the card goes', async () => {
    const binding = fakeBinding();
    binding.setUp(true);
    const monitor = new ReaderMonitor({ binding: binding.factory });
    monitor.start();
    const reader = new FakeReader('R');
    binding.contexts[0]!.emit('reader', reader as unknown as BindingReader);
    reader.emit('status', { state: (1 << 16) | SCARD_STATE.PRESENT, atr: DNIE_ATR });
    const connection = await monitor.connect('R', { transmitTimeoutMs: 5000 });
    reader.answer = () => undefined; // the card never answers
    const started = Date.now();
    const pending = connection.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16 });
    setTimeout(() => reader.emit('status', { state: (2 << 16) | SCARD_STATE.EMPTY }), 20);
    await expect(pending).rejects.toMatchObject({ code: 'pcsc.card_removed' });
    expect(Date.now() - started).toBeLessThan(1000);
    await monitor.stop();
  });

  it('a card that does not answer in time gives pcsc.timeout', async () => {
    const binding = fakeBinding();
    binding.setUp(true);
    const monitor = new ReaderMonitor({ binding: binding.factory });
    monitor.start();
    const reader = new FakeReader('R');
    binding.contexts[0]!.emit('reader', reader as unknown as BindingReader);
    reader.emit('status', { state: (1 << 16) | SCARD_STATE.PRESENT, atr: DNIE_ATR });
    const connection = await monitor.connect('R', { transmitTimeoutMs: 50 });
    reader.answer = () => undefined;
    await expect(connection.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16 })).rejects.toMatchObject({
      code: 'pcsc.timeout',
    });
    await monitor.stop();
  });

  it('pcscd stopping drops readers, fails connections with no_service and reconnects', async () => {
    const binding = fakeBinding();
    binding.setUp(true);
    const monitor = new ReaderMonitor({ binding: binding.factory, retryMs: 10 });
    monitor.start();
    const reader = new FakeReader('R');
    binding.contexts[0]!.emit('reader', reader as unknown as BindingReader);
    reader.emit('status', { state: (1 << 16) | SCARD_STATE.PRESENT, atr: DNIE_ATR });
    const connection = await monitor.connect('R');
    reader.answer = () => undefined;
    const pending = connection.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16 });
    const readerRemoved = until(monitor, 'reader-removed');
    const restored = until(monitor, 'service-restored');
    binding.contexts[0]!.emit(
      'error',
      new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'),
    );
    await expect(pending).rejects.toMatchObject({ code: 'pcsc.no_service' });
    await readerRemoved;
    expect(monitor.readers()).toEqual([]);
    await restored;
    expect(binding.contexts.length).toBe(2);
    await monitor.stop();
  });

  it('a reader that ends because pcscd went away counts as service lost, not a missing reader', async () => {
    const binding = fakeBinding();
    binding.setUp(true);
    const monitor = new ReaderMonitor({ binding: binding.factory, retryMs: 10_000 });
    monitor.start();
    const reader = new FakeReader('R');
    binding.contexts[0]!.emit('reader', reader as unknown as BindingReader);
    reader.emit('status', { state: (1 << 16) | SCARD_STATE.PRESENT, atr: DNIE_ATR });
    const connection = await monitor.connect('R');
    reader.answer = () => undefined;
    const pending = connection.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 16 });
    const lost = until<PcscError>(monitor, 'service-lost');
    reader.emit('error', new Error('SCardGetStatusChange error: Service not available.(0x8010001d)'));
    reader.emit('end');
    await expect(pending).rejects.toMatchObject({ code: 'pcsc.no_service' });
    expect((await lost).code).toBe('pcsc.no_service');
    await monitor.stop();
  });
});
