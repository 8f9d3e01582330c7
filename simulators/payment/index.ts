/**
 * ZVT payment-terminal simulator: the PT side of ZVT over a socat pty pair (DLE framing, CRC, ACK/NAK)
 * and over TCP (raw APDUs), with its own journal and scenarios. It shares no code with drivers/payment/.
 *
 *   const sim = await startSimulator({ tcp: { port: 0 }, serial: { link: '/tmp/zvt-ecr' } });
 *   sim.queueScenario({ kind: 'declined', resultCode: 0x05 });   // next transaction only
 *   sim.setScenarioForAmount(1313, { kind: 'pin-wrong' });        // every 13,13 €
 *   sim.setScenario({ kind: 'approved', statusDelayMs: 500 });    // everything else, slowly
 *   sim.injectSerialFaults({ nakIncoming: 2, corruptOutgoing: 1 });
 *   sim.journal.totals(); sim.journal.entries; sim.journal.last;
 *   await sim.stop();
 */
export {
  type PaymentSimulator,
  type SimulatorOptions,
  startSimulator,
  DEFAULT_TCP_PORT,
} from './simulator.ts';
export {
  CARDS,
  parseScenario,
  RESULT,
  type Scenario,
  ScenarioBook,
  type ScenarioKind,
  type SerialFaults,
  type SimCard,
} from './scenarios.ts';
export {
  computeTotals,
  Journal,
  type AmountCount,
  type CardTypeTotals,
  type ClosedBatch,
  type JournalEntry,
  type JournalEntryKind,
  type JournalState,
  type JournalTotals,
  type LastTransaction,
  totalsGroupOf,
} from './journal.ts';
export { loadJournalFile } from './journal-file.ts';
export type { PowerMode } from './terminal.ts';
export type { SingleTotals, StatusInformation, TotalsGroup, TotalsGroupName } from './pt-messages.ts';
export {
  SimulatorError,
  SimulatorSetupError,
  ZvtCodecError,
  ZvtLinkError,
  type SimErrorCode,
} from './errors.ts';
