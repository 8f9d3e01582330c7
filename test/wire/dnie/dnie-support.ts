/** Helpers of the DNIe tests: a terminal configuration for a persona's chip PKI, an in-memory transport. */
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTerminalConfig, type DnieTransport, type TerminalConfig } from '../../../drivers/dnie/index.ts';
import { exchangeT0, type ReaderMonitor } from '../../../drivers/pcsc/index.ts';
import {
  type CardFaults,
  type ComponentPki,
  createComponentPki,
  type DnieCard,
  type VpcdCardClient,
  writeTerminalConfig,
} from '../../../simulators/dnie/index.ts';
import { usePcscdReader } from '../../support/pcscd.ts';
import { insertCard, removeCard, startMonitor } from './harness.ts';

/** Writes the terminal files of `components` into a fresh temp folder; `cleanup` removes it (keys included). */
export async function terminalFor(
  components: ComponentPki,
): Promise<{ config: TerminalConfig; path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cajero-dnie-terminal-'));
  const path = await writeTerminalConfig(dir, components);
  const config = await loadTerminalConfig(path);
  return { config, path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The card as a T=0 transport without pcscd (GET RESPONSE and 6Cxx by drivers/pcsc's exchangeT0). */
export function memoryTransport(card: DnieCard): DnieTransport & { apdus: number } {
  const transport = {
    atr: card.atr,
    apdus: 0,
    transmit: (command: Parameters<DnieTransport['transmit']>[0]) =>
      exchangeT0(
        command,
        async (bytes) => {
          transport.apdus++;
          return card.process(bytes);
        },
        { dropCase4Le: true },
      ),
  };
  return transport;
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface DnieWire {
  readonly monitor: ReaderMonitor;
  readonly components: ComponentPki;
  readonly terminal: TerminalConfig;
  readonly terminalPath: string;
  /** Inserts a card through vpcd; it is pulled again after the test. */
  insert(
    card: DnieCard,
    faults?: CardFaults,
  ): Promise<{ client: VpcdCardClient; atr: Uint8Array; reader: string }>;
}

/**
 * The set-up every DNIe wire test file shares: the machine-wide vpcd lock and pcscd, a chip PKI with its
 * terminal configuration, the reader monitor, and the card pulled after each test.
 */
export function dnieWireFixture(): DnieWire {
  let release: () => void = () => undefined;
  let cleanup: () => Promise<void> = async () => undefined;
  let client: VpcdCardClient | undefined;
  const wire = {} as { -readonly [K in keyof DnieWire]: DnieWire[K] };
  wire.insert = async (card, faults = {}) => {
    const inserted = await insertCard(wire.monitor, card, faults);
    client = inserted.client;
    return inserted;
  };
  beforeAll(async () => {
    release = await usePcscdReader();
    wire.components = await createComponentPki();
    const terminal = await terminalFor(wire.components);
    ({ config: wire.terminal, path: wire.terminalPath, cleanup } = terminal);
    wire.monitor = startMonitor();
    await wire.monitor.waitForReader(5000);
  }, 60_000);
  afterEach(async () => {
    await removeCard(wire.monitor, client);
    client = undefined;
  });
  afterAll(async () => {
    await wire.monitor?.stop();
    await cleanup();
    release();
  });
  return wire;
}
