/**
 * `kioskctl payments list|show ID|recover`: the payment ledger, read straight from the kiosk store in
 * the configuration's data folder (read-only for list and show, so they are safe while the kiosk runs).
 * `recover` runs the start-up resolution by hand with a terminal built from the configuration: run it
 * with the kiosk stopped (the store has one writer; a running core would otherwise be waited for).
 * It prints nothing: a justificante still owed is recorded as not printed, and the citizen gets it with
 * the CSV (core/payments/README.md).
 */
import { parseArgs } from 'node:util';
import { createPaymentTerminal } from '../../drivers/payment/create-payment-terminal.ts';
import {
  DEMO_CONFIG_FILE,
  type KioskConfig,
  loadKioskConfig,
  resolveConfigPath,
} from '../../kiosk-config/index.ts';
import { formatCsv, type PaymentRow, PaymentLedger, recoverPayments } from '../payments/index.ts';
import { createAuditLog } from '../audit/index.ts';
import { type KioskStore, openKioskStore } from '../store/index.ts';

type Out = (line: string) => void;

const USAGE =
  'kioskctl: uso: kioskctl payments list [--date AAAA-MM-DD] | show ID | recover  [--config FICHERO] [--json]';

export interface PaymentsCommandOptions {
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
}

export async function paymentsCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  options: PaymentsCommandOptions = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { config: { type: 'string' }, json: { type: 'boolean' }, date: { type: 'string' } },
  });
  const [sub, id, ...extra] = positionals;
  const wellFormed =
    extra.length === 0 &&
    ((sub === 'list' && id === undefined) ||
      (sub === 'show' && id !== undefined) ||
      (sub === 'recover' && id === undefined)) &&
    (values.date === undefined || /^\d{4}-\d{2}-\d{2}$/u.test(values.date));
  if (!wellFormed) {
    err(USAGE);
    return 2;
  }
  const loaded = await loadKioskConfig(values.config ?? DEMO_CONFIG_FILE);
  const { config } = loaded;
  const dataDir = resolveConfigPath(loaded, config.dataDir);
  const now = options.now ?? (() => new Date());
  const show = (value: unknown, human: () => string[]) => {
    for (const line of values.json ? [JSON.stringify(value, null, 2)] : human()) out(line);
  };

  if (sub === 'recover') return recover(config, dataDir, now, show, err);

  const store = openKioskStore({ dataDir, readOnly: true });
  try {
    const ledger = new PaymentLedger(store);
    if (sub === 'show') {
      const p = ledger.get(id ?? '');
      if (p === undefined) {
        err(`kioskctl: no hay ningún pago ${id}`);
        return 1;
      }
      const events = ledger.events(p.id);
      const outbox = ledger.outbox(p.id);
      show({ payment: p, events, outbox }, () => [
        ...describe(p, config.municipality.timeZone),
        'Estados:',
        ...events.map(
          (e) => `  ${e.at}  ${e.fromState ?? '—'} → ${e.toState}${e.detail ? `  (${e.detail})` : ''}`,
        ),
        'Eventos para central:',
        ...(outbox.length === 0
          ? ['  (ninguno)']
          : outbox.map(
              (e) => `  ${e.eventId}  ${e.type}  ${e.sentAt === null ? 'pendiente' : `enviado ${e.sentAt}`}`,
            )),
      ]);
      return 0;
    }
    const day = values.date ?? localDate(now(), config.municipality.timeZone);
    // Local days are at most 14 h away from UTC: read a generous window and filter by local date.
    const start = new Date(`${day}T00:00:00Z`);
    const rows = ledger
      .listBetween(new Date(start.getTime() - 86_400_000), new Date(start.getTime() + 2 * 86_400_000))
      .filter((p) => localDate(new Date(p.createdAt), config.municipality.timeZone) === day);
    show(rows, () =>
      rows.length === 0
        ? [`Ningún pago el ${day}.`]
        : [
            `Pagos del ${day} (${rows.length}):`,
            ...rows.map(
              (p) =>
                `  ${localTime(new Date(p.createdAt), config.municipality.timeZone)}  ${p.id}  ${euros(p.amountCents).padStart(10)}  ${p.state}${p.attentionReason ? `  ¡${p.attentionReason}` : ''}`,
            ),
          ],
    );
    return 0;
  } finally {
    store.close();
  }
}

async function recover(
  config: KioskConfig,
  dataDir: string,
  now: () => Date,
  show: (value: unknown, human: () => string[]) => void,
  err: Out,
): Promise<number> {
  const store = openKioskStore({ dataDir, now });
  const terminalConfig = config.devices.paymentTerminal;
  const terminal = createPaymentTerminal(terminalConfig.connection, {
    completionTimeoutMs: terminalConfig.responseTimeoutSeconds * 1000,
  });
  try {
    const ledger = new PaymentLedger(store);
    const report = await recoverPayments({
      ledger,
      terminal,
      now,
      justificante: {
        municipality: { name: config.municipality.name },
        kioskId: config.kioskId,
        timeZone: config.municipality.timeZone,
        verificationUrl: config.municipality.verificationUrl,
      },
    });
    recordRecovery(store, config.kioskId, now, report, err);
    show(report, () =>
      report.length === 0
        ? ['No hay pagos pendientes de resolver.']
        : report.map((r) => `  ${r.paymentId}  ${r.from} → ${r.to}  (${r.note})`),
    );
    return report.some((r) => r.to === 'unknown' || r.to === 'needs_attention') ? 1 : 0;
  } finally {
    await terminal.close();
    store.close();
  }
}

/**
 * The recovery's state changes enter the audit chain from the ledger, then the technician's act with
 * its outcome. A chain that cannot be written does not undo the recovery: it is said, not thrown.
 */
function recordRecovery(
  store: KioskStore,
  kioskId: string,
  now: () => Date,
  report: readonly { readonly to: string }[],
  err: Out,
): void {
  try {
    const audit = createAuditLog(store, { kioskId, now });
    audit.recordPayments();
    const unresolved = report.some((r) => r.to === 'unknown' || r.to === 'needs_attention');
    audit.append('technician.payments_recover', {
      result: unresolved ? 'needs_attention' : 'ok',
      count: report.length,
    });
  } catch (error) {
    err(`kioskctl: la recuperación no se ha podido anotar en el registro de auditoría (${String(error)})`);
  }
}

function describe(p: PaymentRow, timeZone: string): string[] {
  return [
    `Pago ${p.id}: ${p.state}${p.offline ? ' (sin conexión con central)' : ''}`,
    `  creado ${p.createdAt} (${localDate(new Date(p.createdAt), timeZone)} ${localTime(new Date(p.createdAt), timeZone)}), último cambio ${p.updatedAt}`,
    `  recibo: emisora ${p.emisora}, referencia ${p.referencia}-${p.referenciaControl}, identificación ${p.identificacion}, modalidad ${p.modalidad}`,
    `  importe: ${euros(p.amountCents)}`,
    `  CSV del justificante: ${formatCsv(p.csv)}`,
    `  terminal: ${p.terminalId ?? '—'}, recibo ${p.receiptNo ?? '—'}, traza ${p.traceNo ?? '—'}, autorización ${p.authorisationCode ?? '—'}, tarjeta ${p.cardName ?? ''} ${p.maskedPan ?? '—'}`,
    ...(p.refusalCode === null ? [] : [`  motivo del terminal: ${p.refusalCode}`]),
    ...(p.attentionReason === null ? [] : [`  REVISAR: ${p.attentionReason}`]),
  ];
}

function euros(cents: number): string {
  return `${(cents / 100).toFixed(2).replace('.', ',')} €`;
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('es-ES', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
