/**
 * Fault injection for the payment ledger (issue 7, "the heart of this issue"). A real kiosk process
 * (kiosk-process.ts) pays through the driver against the ZVT simulator, over a pseudo-terminal (socat,
 * DLE framing, ACK/NAK) and over TCP, and is SIGKILLed at
 * every step boundary; a new process runs start-up recovery; the same recibo is then offered again.
 * After every scenario the simulator's journal (what the card terminal really booked) and the ledger
 * must agree: every booked payment is in the ledger exactly once, nothing is charged twice, every recibo
 * is paid at most once, and the outbox holds exactly one event per payment state central must hear of.
 *
 * One simulator and one ledger per transport, as on a real kiosk: each scenario starts where the
 * previous one left the terminal's "last transaction".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHARGED_STATES,
  OUTBOX_EVENT_FOR,
  PaymentLedger,
  type PaymentState,
  type PaymentStep,
  UNRESOLVED_STATES,
} from '../../../core/payments/index.ts';
import { buildReciboBarcode } from '../../../core/recibos/index.ts';
import { openKioskStore } from '../../../core/store/index.ts';
import { type PaymentSimulator, type Scenario, startSimulator } from '../../../simulators/payment/index.ts';

const KIOSK = path.join(import.meta.dirname, 'kiosk-process.ts');

interface Case {
  readonly name: string;
  readonly crashAt?: PaymentStep;
  readonly scenario?: Scenario;
  /** The terminal is still down when recovery runs once (the payment must stay `unknown`), then comes back. */
  readonly recoverWhileDown?: boolean;
  /** The first recovery is itself SIGKILLed at this step; a second one must finish the job. */
  readonly recoveryCrashAt?: PaymentStep;
  /** What recovery must make of the interrupted payment (none: nothing to recover), and of paying again. */
  readonly expect: readonly [recoveredTo: PaymentState | 'nothing', again: 'paid' | 'refused'];
}

const NOT_CHARGED = ['cancelled', 'paid'] as const;
const CHARGED = ['justificante_printed', 'refused'] as const;

/** Every step boundary of one approved payment, and what recovery must conclude after a SIGKILL there. */
const STEPS: readonly [PaymentStep, Case['expect']][] = [
  ['before_create', ['nothing', 'paid']],
  ['after_create', NOT_CHARGED],
  ['after_sent', NOT_CHARGED],
  ['terminal_working', NOT_CHARGED],
  ['status_received', CHARGED],
  ['after_approved_commit', CHARGED],
  ['terminal_returned', CHARGED],
  ['before_print', CHARGED],
  ['after_print', CHARGED],
  ['done', ['nothing', 'refused']],
];

const CASES: readonly Case[] = [
  { name: 'no crash (the terminal gets a last transaction)', expect: ['nothing', 'refused'] },
  ...STEPS.map(([crashAt, expected]) => ({ name: `SIGKILL at ${crashAt}`, crashAt, expect: expected })),
  {
    name: 'declined, SIGKILL at status_received',
    crashAt: 'status_received',
    scenario: { kind: 'declined', resultCode: 0x05 },
    expect: ['declined', 'paid'],
  },
  {
    name: 'declined, SIGKILL at terminal_returned',
    crashAt: 'terminal_returned',
    scenario: { kind: 'declined', resultCode: 0x05 },
    expect: ['declined', 'paid'],
  },
  { name: 'terminal times out', scenario: { kind: 'timeout', silenceMs: 2_500 }, expect: NOT_CHARGED },
  {
    name: 'terminal times out, SIGKILL at terminal_returned, recovery while still silent',
    crashAt: 'terminal_returned',
    scenario: { kind: 'timeout', silenceMs: 4_000 },
    recoverWhileDown: true,
    expect: NOT_CHARGED,
  },
  {
    name: 'terminal reboots mid-transaction, payment booked',
    scenario: { kind: 'reboot', recorded: true, downMs: 2_000 },
    expect: CHARGED,
  },
  {
    name: 'terminal reboots mid-transaction, payment lost',
    scenario: { kind: 'reboot', recorded: false, downMs: 2_000 },
    expect: NOT_CHARGED,
  },
  {
    name: 'terminal reboots with the payment booked, SIGKILL at terminal_returned',
    crashAt: 'terminal_returned',
    scenario: { kind: 'reboot', recorded: true, downMs: 2_000 },
    recoverWhileDown: true,
    expect: CHARGED,
  },
  {
    name: 'SIGKILL at status_received, then recovery SIGKILLed before asking the terminal',
    crashAt: 'status_received',
    recoveryCrashAt: 'recovery_before_query',
    expect: CHARGED,
  },
  {
    name: 'SIGKILL at status_received, then recovery SIGKILLed before printing',
    crashAt: 'status_received',
    recoveryCrashAt: 'before_print',
    expect: CHARGED,
  },
];

/** The whole suite over one transport; each transport has its test file, so the two run in parallel. */
export function faultSuite(transport: 'pty' | 'tcp'): void {
  let sim: PaymentSimulator;
  let dataDir: string;
  let serial = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'cajero-fault-'));
    sim =
      transport === 'pty'
        ? await startSimulator({ serial: { link: path.join(dataDir, 'zvt') }, ackTimeoutMs: 400 })
        : await startSimulator({ tcp: { port: 0 }, ackTimeoutMs: 400 });
  });
  afterAll(async () => {
    await sim?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  interface Run {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly result: Record<string, unknown> | undefined;
    readonly stderr: string;
  }

  function kiosk(env: Record<string, string>): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [KIOSK], {
        env: {
          ...process.env,
          KIOSK_DATA_DIR: dataDir,
          ...(transport === 'pty' ? { ZVT_SERIAL: sim.serialPath! } : { ZVT_PORT: String(sim.tcpPort) }),
          ACK_TIMEOUT_MS: '800',
          COMPLETION_TIMEOUT_MS: '1200',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`kiosk-process did not end within 15 s: ${err}`));
      }, 15_000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const line = out.trim().split('\n').at(-1);
        resolve({
          code,
          signal,
          stderr: err,
          result: line ? (JSON.parse(line) as Record<string, unknown>) : undefined,
        });
      });
    });
  }

  /** A recibo no other scenario uses, with its own amount (so the journal tells them apart). */
  function nextRecibo(): { barcode: string; amount: number } {
    serial += 1;
    const amount = 1_000 + serial;
    const barcode = buildReciboBarcode({
      modalidad: 1,
      emisora: '280793',
      referencia: String(serial).padStart(10, '0'),
      tributo: '100',
      ejercicio: 2026,
      periodo: '01',
      importeCents: amount,
    });
    return { barcode, amount };
  }

  /**
   * The terminal is up and idle again. Over TCP a dead kiosk's connection drops and the terminal gives
   * up at once; over a serial line nothing tells it, so it finishes the orphaned transaction on its own
   * timeouts first (a recovery meanwhile finds it busy and leaves the payment `unknown`).
   */
  async function waitUntilUp(): Promise<void> {
    sim.wake();
    const deadline = Date.now() + 10_000;
    while ((sim.terminal.mode !== 'up' || sim.terminal.busy) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The four promises of issue 7, checked against the simulator's own journal. */
  function checkInvariants(): void {
    const store = openKioskStore({ dataDir, readOnly: true });
    try {
      const ledger = new PaymentLedger(store);
      const payments = ledger.all();
      const booked = sim.journal.entries.filter((e) => e.kind === 'payment');
      // Every payment the terminal booked and did not reverse is in the ledger exactly once, as charged.
      for (const entry of booked.filter((e) => !e.reversed)) {
        const matches = payments.filter((p) => p.receiptNo === entry.receiptNo);
        expect(matches, `terminal receipt ${entry.receiptNo}`).toHaveLength(1);
        expect(CHARGED_STATES).toContain(matches[0]?.state);
        expect(matches[0]?.amountCents).toBe(entry.amountCents);
      }
      // Every charged payment in the ledger was booked by the terminal (no record without money).
      const charged = payments.filter((p) => CHARGED_STATES.includes(p.state));
      expect(charged).toHaveLength(booked.filter((e) => !e.reversed).length);
      // Nothing charged twice: each amount (one per recibo here) booked at most once, not reversed.
      const amounts = booked.filter((e) => !e.reversed).map((e) => e.amountCents);
      expect(new Set(amounts).size).toBe(amounts.length);
      // Every recibo paid at most once in the ledger.
      const keys = charged.map((p) => p.reciboKey);
      expect(new Set(keys).size).toBe(keys.length);
      // Recovery left nothing unresolved.
      expect(
        payments.filter((p) => UNRESOLVED_STATES.includes(p.state)).map((p) => `${p.id} ${p.state}`),
      ).toEqual([]);
      // Outbox: exactly one event per state central must hear about that the payment went through.
      for (const p of payments) {
        const reached = new Set(ledger.events(p.id).map((e) => e.toState));
        const expected = Object.entries(OUTBOX_EVENT_FOR)
          .filter(([state]) => reached.has(state as never))
          .map(([, type]) => type)
          .sort();
        expect(
          ledger
            .outbox(p.id)
            .map((e) => e.type)
            .sort(),
          `outbox of ${p.id} (${[...reached].join(' → ')})`,
        ).toEqual(expected);
      }
    } finally {
      store.close();
    }
  }

  describe(`payment ledger under SIGKILL, timeouts and reboots (real kiosk process, ZVT simulator over ${transport})`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        const { barcode, amount } = nextRecibo();
        if (c.scenario !== undefined) sim.queueScenario(c.scenario);
        const paid = await kiosk({
          MODE: 'pay',
          RECIBO: barcode,
          ...(c.crashAt ? { CRASH_AT: c.crashAt } : {}),
        });
        if (c.crashAt !== undefined) {
          expect(paid.signal, `killed at ${c.crashAt}: ${JSON.stringify(paid.result)} ${paid.stderr}`).toBe(
            'SIGKILL',
          );
        } else {
          expect(paid.code, paid.stderr).toBe(0);
        }
        if (c.recoverWhileDown) {
          const early = await kiosk({ MODE: 'recover' });
          expect(early.code, early.stderr).toBe(0);
          expect(early.result?.report).toMatchObject([{ to: 'unknown' }]);
        }
        await waitUntilUp();
        if (c.recoveryCrashAt !== undefined) {
          const killed = await kiosk({ MODE: 'recover', CRASH_AT: c.recoveryCrashAt });
          expect(killed.signal, `recovery killed at ${c.recoveryCrashAt}: ${killed.stderr}`).toBe('SIGKILL');
        }
        const recovered = await kiosk({ MODE: 'recover' });
        expect(recovered.code, recovered.stderr).toBe(0);
        const [recoveredTo, againKind] = c.expect;
        expect(recovered.result?.report).toMatchObject(
          recoveredTo === 'nothing' ? [] : [{ to: recoveredTo }],
        );
        checkInvariants();

        // The citizen tries the same recibo again: refused if (possibly) charged, else it goes through.
        const again = await kiosk({ MODE: 'pay', RECIBO: barcode });
        expect(again.code, again.stderr).toBe(0);
        const charges = sim.journal.entries.filter(
          (e) => e.kind === 'payment' && !e.reversed && e.amountCents === amount,
        );
        expect(charges, 'the recibo is charged exactly once in the end').toHaveLength(1);
        expect(again.result?.kind).toBe(againKind);
        if (againKind === 'refused') expect(again.result?.code).toBe('payment.already_paid');
        checkInvariants();
      });
    }

    it('offline without a paid-recibo list: refused with a reason, the card never touched', async () => {
      const { barcode } = nextRecibo();
      const before = sim.journal.entries.length;
      const run = await kiosk({ MODE: 'pay', RECIBO: barcode, CENTRAL: 'offline' });
      expect(run.result).toMatchObject({ kind: 'refused', code: 'payment.offline_paid_list_stale' });
      expect(String(run.result?.message)).toMatch(/sede electrónica/);
      expect(sim.journal.entries.length).toBe(before);
      checkInvariants();
    });
  });
}
