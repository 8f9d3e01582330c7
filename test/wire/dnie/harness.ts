/** Shared set-up of the DNIe wire tests: the real pcscd with vpcd, the virtual card and the monitor. */
import { setTimeout as sleep } from 'node:timers/promises';
import { ReaderMonitor } from '../../../drivers/pcsc/index.ts';
import { type CardFaults, type DnieCard, VpcdCardClient } from '../../../simulators/dnie/index.ts';
import { VPCD_PORT, VPCD_READER } from '../../support/pcscd.ts';

export function startMonitor(): ReaderMonitor {
  const monitor = new ReaderMonitor({ readerPattern: VPCD_READER, retryMs: 150, transmitTimeoutMs: 3000 });
  monitor.start();
  return monitor;
}

/** Inserts `card` (retrying while vpcd is not listening yet) and waits for the monitor to see it. */
export async function insertCard(
  monitor: ReaderMonitor,
  card: DnieCard,
  faults: CardFaults = {},
  timeoutMs = 6000,
): Promise<{ client: VpcdCardClient; atr: Uint8Array; reader: string }> {
  const client = new VpcdCardClient({ card, port: VPCD_PORT, faults });
  const deadline = Date.now() + timeoutMs;
  const seen = new Promise<{ reader: string; atr: Uint8Array }>((resolve) =>
    monitor.once('card-inserted', resolve),
  );
  for (;;) {
    try {
      await client.insert();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
  const event = await Promise.race([
    seen,
    sleep(Math.max(0, deadline - Date.now())).then(() => {
      throw new Error(`pcscd did not report the virtual card within ${timeoutMs} ms`);
    }),
  ]);
  return { client, ...event };
}

/** Pulls the card and waits until the monitor has seen it go, so the next test starts clean. */
export async function removeCard(monitor: ReaderMonitor, client: VpcdCardClient | undefined): Promise<void> {
  const gone =
    monitor.cards().length === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => monitor.once('card-removed', () => resolve()));
  await client?.remove();
  await Promise.race([gone, sleep(3000)]);
}
