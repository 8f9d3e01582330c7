/** Helpers of the DNIe tests: a terminal configuration for a persona's chip PKI, an in-memory transport. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTerminalConfig, type DnieTransport, type TerminalConfig } from '../../../drivers/dnie/index.ts';
import { exchangeT0 } from '../../../drivers/pcsc/index.ts';
import { type ComponentPki, type DnieCard, writeTerminalConfig } from '../../../simulators/dnie/index.ts';

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
