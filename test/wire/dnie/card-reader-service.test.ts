/**
 * Core's DNIe reader service through the real pcscd and the virtual DNIe: the screen learns that a
 * card went in or out, and of what kind, and the technician sees the reader's exact state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardPresence } from '../../../core/api/contract.ts';
import { createPersona } from '../../../simulators/dnie/index.ts';
import { usePcscdReader } from '../../support/pcscd.ts';
import { startTestHost, type TestHost } from '../../support/test-host.ts';
import { connectScreen, waitOpen } from '../../support/ws-api.ts';
import { insertCard, removeCard } from './harness.ts';

let release: () => void = () => undefined;
let host: TestHost;

beforeAll(async () => {
  release = await usePcscdReader();
  host = await startTestHost({
    devices: ['cardReader'],
    change: (config) => {
      config.devices.cardReader.readerNamePattern = '^Virtual PCD 00 00$';
    },
  });
  await host.core.cardReader.monitor.waitForReader(5000);
});

afterAll(async () => {
  await host?.stop();
  release();
});

describe('DNIe reader in core', () => {
  it('reports the configured reader ready when no card is in', () => {
    expect(host.core.devices.get('cardReader')).toMatchObject({
      health: 'ok',
      code: 'ready',
      detail: 'Virtual PCD 00 00',
    });
  });

  it('tells the screen a DNIe went in and came out, and nothing more', async () => {
    const screen = connectScreen(host.origin);
    await waitOpen(screen);
    const seen: CardPresence[] = [];
    screen.on('card.changed', (card) => seen.push(card));
    const { client } = await insertCard(host.core.cardReader.monitor, (await createPersona('adult')).card);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual({ present: true, cardType: 'dnie' });
    expect(await screen.call('card.get', {})).toEqual({ present: true, cardType: 'dnie' });
    expect(host.core.devices.get('cardReader')).toMatchObject({ code: 'card_present' });
    await removeCard(host.core.cardReader.monitor, client);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual({ present: false, cardType: null });
    screen.close();
  });

  it('recognises a card that is not a DNIe', async () => {
    const { client } = await insertCard(
      host.core.cardReader.monitor,
      (await createPersona('other-card')).card,
    );
    expect(host.core.cardReader.card()).toEqual({ present: true, cardType: 'other' });
    await removeCard(host.core.cardReader.monitor, client);
  });
});
