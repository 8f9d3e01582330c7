/**
 * The PC/SC driver against the virtual DNIe through the real pcscd and its vpcd reader. Holds the
 * machine-wide vpcd lock for the whole file (test/support/pcscd.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyAtr,
  type ReaderMonitor,
  readCurrentFile,
  selectByName,
  selectFid,
  StatusWordError,
} from '../../../drivers/pcsc/index.ts';
import {
  ATR_DNIE3,
  ATR_OTHER_CARD,
  createPersona,
  findByPath,
  MF_NAME,
  type Persona,
  type VpcdCardClient,
} from '../../../simulators/dnie/index.ts';
import { usePcscdReader } from '../../support/pcscd.ts';
import { insertCard, removeCard, startMonitor } from './harness.ts';

let release: () => void = () => undefined;
let monitor: ReaderMonitor;
let adult: Persona;
let client: VpcdCardClient | undefined;

beforeAll(async () => {
  release = await usePcscdReader();
  adult = await createPersona('adult');
  monitor = startMonitor();
  await monitor.waitForReader(5000);
});

afterEach(async () => {
  await removeCard(monitor, client);
  client = undefined;
});

afterAll(async () => {
  await monitor?.stop();
  release();
});

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

describe('DNIe through pcscd + vpcd', () => {
  it('finds the vpcd reader by name pattern and ignores the other slot', () => {
    expect(monitor.readers()).toEqual(['Virtual PCD 00 00']);
  });

  it('reports the card inserted with the DNIe 3.0 ATR', async () => {
    const inserted = await insertCard(monitor, adult.card);
    client = inserted.client;
    expect(hexOf(inserted.atr)).toBe(hexOf(ATR_DNIE3));
    expect(classifyAtr(inserted.atr)).toEqual({ kind: 'dnie', generation: 'dnie3', burnt: false });
  });

  it('reads the authentication certificate file in the largest chunks the card accepts', async () => {
    const inserted = await insertCard(monitor, adult.card);
    client = inserted.client;
    const connection = await monitor.connect(inserted.reader);
    expect(connection.protocol).toBe('T0');
    adult.card.log.length = 0;
    const fci = await selectByName(connection, MF_NAME);
    expect(fci[0]).toBe(0x6f);
    await selectFid(connection, 0x6081);
    await selectFid(connection, 0x7004);
    const result = await readCurrentFile(connection);
    const held = findByPath(adult.card.mf, [0x6081, 0x7004])!.file;
    expect(held.kind === 'ef' && hexOf(result.data) === hexOf(held.data)).toBe(true);
    expect(result.chunk).toBe(adult.card.maxReadChunk);
    // On the wire: SELECT answered 61xx and fetched by GET RESPONSE; READ BINARY 00 → 6CEF → EF chunks.
    const wire = adult.card.log.map(hexOf);
    expect(wire.slice(0, 2)).toEqual(['00A404000B4D61737465722E46696C65', '00C000001D']);
    const reads = wire.filter((apdu) => apdu.startsWith('00B0'));
    expect(reads[0]).toBe('00B0000000');
    // Then full EF chunks; the tail is asked for with EF, answered 6Cxx and re-sent with the rest's length.
    const size = held.kind === 'ef' ? held.data.length : 0;
    const full = Math.floor(size / 0xef);
    expect(reads.slice(1, 1 + full).every((apdu) => apdu.endsWith('EF'))).toBe(true);
    const tail = (size % 0xef).toString(16).toUpperCase().padStart(2, '0');
    expect(reads.slice(1 + full)).toEqual([reads[1 + full], `${reads[1 + full]!.slice(0, 8)}${tail}`]);
    await connection.close();
  });

  it('follows several 61xx rounds and a 6Cxx re-send', async () => {
    const persona = await createPersona('adult', { getResponseChunk: 8 });
    const inserted = await insertCard(monitor, persona.card);
    client = inserted.client;
    const connection = await monitor.connect(inserted.reader);
    persona.card.log.length = 0;
    const fci = await selectByName(connection, MF_NAME);
    expect(fci.length).toBe(29);
    expect(persona.card.log.map(hexOf).filter((apdu) => apdu.startsWith('00C0')).length).toBe(4);
    const serial = await connection.transmit({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 256 });
    expect(serial).toEqual({ data: persona.card.serial, sw: 0x9000 });
    expect(persona.card.log.map(hexOf).slice(-2)).toEqual(['90B8000000', '90B8000007']);
    const missing = connection.transmitOk({
      cla: 0,
      ins: 0xa4,
      p1: 0,
      p2: 0,
      data: Uint8Array.of(0x12, 0x34),
    });
    await expect(missing).rejects.toSatisfy(
      (error) => error instanceof StatusWordError && error.sw === 0x6a82,
    );
    await connection.close();
  });

  it('a card pulled in the middle of a command gives pcsc.card_removed quickly', async () => {
    const inserted = await insertCard(monitor, adult.card, { removeAfterApdus: 1 });
    client = inserted.client;
    const connection = await monitor.connect(inserted.reader);
    await connection.transmitOk({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 });
    const started = Date.now();
    await expect(connection.transmit({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 })).rejects.toMatchObject({
      code: 'pcsc.card_removed',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(connection.transmit({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 })).rejects.toMatchObject({
      code: 'pcsc.card_removed',
    });
    await connection.close();
  });

  it('a slow card runs into the transmit timeout as pcsc.timeout', async () => {
    const inserted = await insertCard(monitor, adult.card, { latencyMs: 700 });
    client = inserted.client;
    const connection = await monitor.connect(inserted.reader, { transmitTimeoutMs: 200 });
    const started = Date.now();
    await expect(connection.transmit({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 })).rejects.toMatchObject({
      code: 'pcsc.timeout',
    });
    expect(Date.now() - started).toBeLessThan(600);
    await connection.close('leave');
  });

  it('a garbage answer is a typed APDU format error', async () => {
    const inserted = await insertCard(monitor, adult.card, { garbageAfterApdus: 0 });
    client = inserted.client;
    const connection = await monitor.connect(inserted.reader);
    await expect(connection.transmit({ cla: 0x90, ins: 0xb8, p1: 0, p2: 0, le: 7 })).rejects.toMatchObject({
      code: 'pcsc.apdu_format',
    });
    await connection.close();
  });

  it('recognises a card with another ATR as not a DNIe', async () => {
    const other = await createPersona('other-card');
    const inserted = await insertCard(monitor, other.card);
    client = inserted.client;
    expect(hexOf(inserted.atr)).toBe(hexOf(ATR_OTHER_CARD));
    expect(classifyAtr(inserted.atr)).toEqual({ kind: 'other' });
    const connection = await monitor.connect(inserted.reader);
    expect(connection.protocol).toBe('T1');
    await expect(selectByName(connection, MF_NAME)).rejects.toSatisfy(
      (error) => error instanceof StatusWordError && error.sw === 0x6a82,
    );
    await connection.close();
  });
});
