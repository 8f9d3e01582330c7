/**
 * Composition: one Terminal (journal + scenarios) behind a serial pty pair and/or a TCP listener.
 */
import { Journal } from './journal.ts';
import { loadJournalFile, saveJournalFile } from './journal-file.ts';
import {
  openSerialChannel,
  type OpenPort,
  type SerialSettings,
  type SocatPair,
  startSocatPair,
} from './pty.ts';
import { type Scenario, ScenarioBook, type SerialFaults, type SimCard } from './scenarios.ts';
import { SerialLink } from './serial-link.ts';
import { listenTcp, type TcpLink, type TcpListener } from './tcp-server.ts';
import { type PowerMode, Terminal } from './terminal.ts';

export const DEFAULT_TCP_PORT = 20007;

export interface SimulatorOptions {
  /** Listen for ZVT over TCP on 127.0.0.1 (port 0 = any free port; default 20007). */
  readonly tcp?: { readonly port?: number | undefined; readonly host?: string | undefined } | undefined;
  /**
   * Serial over a socat pty pair: `link` is the path the kiosk opens; the simulator opens `simLink`
   * (default `<link>.pt`). Alternatively `path` opens an existing serial device or pty directly.
   */
  readonly serial?:
    | ({ readonly link: string; readonly simLink?: string | undefined } & SerialSettings)
    | ({ readonly path: string } & SerialSettings)
    | undefined;
  /** Keep the journal in this JSON file (loaded at start, rewritten after every change). */
  readonly journalPath?: string | undefined;
  readonly now?: (() => Date) | undefined;
  readonly terminalId?: string | undefined;
  readonly timeZone?: string | undefined;
  readonly defaultCard?: SimCard | undefined;
  /** T3 for the ECR's 80 00 and for the ACK byte. */
  readonly ackTimeoutMs?: number | undefined;
  readonly statusRepeatMs?: number | undefined;
  readonly interByteTimeoutMs?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface PaymentSimulator {
  /** TCP port actually listened on. */
  readonly tcpPort: number | undefined;
  /** Serial path to give to the kiosk (the other end of the pty pair). */
  readonly serialPath: string | undefined;
  readonly journal: Journal;
  readonly scenarios: ScenarioBook;
  readonly terminal: Terminal;
  readonly mode: PowerMode;
  /** Scenario of every transaction without a queued or per-amount one. */
  setScenario(scenario: Scenario): void;
  /** Scenarios for the next transactions, consumed in order. */
  queueScenario(...scenarios: Scenario[]): void;
  setScenarioForAmount(amountCents: number, scenario: Scenario | undefined): void;
  /** NAK storm / corrupted CRCs on the serial link. */
  injectSerialFaults(faults: SerialFaults): void;
  /** Ends a silence or a reboot now. */
  wake(): void;
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<PaymentSimulator> {
  const log = options.log ?? (() => {});
  const journalPath = options.journalPath;
  const journal = new Journal(
    (journalPath && loadJournalFile(journalPath)) || undefined,
    journalPath ? (state) => saveJournalFile(journalPath, state) : undefined,
  );
  const scenarios = new ScenarioBook();
  const terminal = new Terminal({
    journal,
    scenarios,
    now: options.now ?? (() => new Date()),
    terminalId: options.terminalId,
    timeZone: options.timeZone,
    defaultCard: options.defaultCard,
    ackTimeoutMs: options.ackTimeoutMs,
    statusRepeatMs: options.statusRepeatMs,
    log,
  });

  const cleanups: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    terminal.dispose();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };

  let serialPath: string | undefined;
  let serialLink: SerialLink | undefined;
  let tcp: TcpListener | undefined;
  try {
    if (options.serial) {
      let simPath: string;
      if ('link' in options.serial) {
        const pair: SocatPair = await startSocatPair(
          options.serial.simLink ?? `${options.serial.link}.pt`,
          options.serial.link,
        );
        cleanups.push(pair.stop);
        simPath = pair.simPath;
        serialPath = pair.ecrPath;
      } else {
        simPath = options.serial.path;
        serialPath = options.serial.path;
      }
      const port: OpenPort = await openSerialChannel(simPath, options.serial);
      const link = new SerialLink(port.channel, {
        ackTimeoutMs: options.ackTimeoutMs,
        interByteTimeoutMs: options.interByteTimeoutMs,
        log,
      });
      serialLink = link;
      const unsubscribe = terminal.onModeChange((mode) => link.setMuted(mode !== 'up'));
      const served = terminal.serve(link);
      cleanups.push(async () => {
        unsubscribe();
        link.close();
        await port.close();
        await served;
      });
    }
    if (options.tcp) {
      const listener = await listenTcp(
        options.tcp.host ?? '127.0.0.1',
        options.tcp.port ?? DEFAULT_TCP_PORT,
        (link) => {
          if (terminal.mode === 'rebooting') {
            link.destroy();
            return;
          }
          link.setMuted(terminal.mode !== 'up');
          void terminal.serve(link);
        },
      );
      tcp = listener;
      const unsubscribe = terminal.onModeChange((mode) => {
        for (const link of listener.links as ReadonlySet<TcpLink>) {
          // A rebooting terminal drops its connections; a silent one keeps them but answers nothing.
          if (mode === 'rebooting') link.destroy();
          else link.setMuted(mode !== 'up');
        }
      });
      cleanups.push(async () => {
        unsubscribe();
        await listener.close();
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    tcpPort: tcp?.port,
    serialPath,
    journal,
    scenarios,
    terminal,
    get mode() {
      return terminal.mode;
    },
    setScenario: (scenario) => scenarios.setDefault(scenario),
    queueScenario: (...list) => scenarios.queueNext(...list),
    setScenarioForAmount: (amountCents, scenario) => scenarios.setForAmount(amountCents, scenario),
    injectSerialFaults: (faults) => serialLink?.injectFaults(faults),
    wake: () => terminal.wake(),
    stop,
  };
}
