/** `kioskctl terminal …`: the card terminal through the running core. */
import { parseArgs } from 'node:util';
import type {
  CardTransaction,
  DiagnosisOutcome,
  EndOfDayOutcome,
  LastTransactionOutcome,
  PaymentOutcome,
  ReceiptText,
  TerminalStatus,
} from '../../drivers/payment/payment-terminal.ts';
import type { DeviceReport } from '../devices/supervisor.ts';
import { controlRequest } from './control-client.ts';

type Out = (line: string) => void;
type SocketFrom = (values: { config?: string | undefined; socket?: string | undefined }) => Promise<string>;

const USAGE =
  'kioskctl: uso: kioskctl terminal status|last|end-of-day|diag|pay CÉNTIMOS [--config FICHERO | --socket RUTA] [--json]';

export async function terminalCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  socketFrom: SocketFrom,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { config: { type: 'string' }, socket: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [sub, amount, ...extra] = positionals;
  const show = (value: unknown, human: () => string[]) => {
    for (const line of values.json ? [JSON.stringify(value, null, 2)] : human()) out(line);
  };
  if (extra.length > 0 || (sub === 'pay') !== (amount !== undefined)) {
    err(USAGE);
    return 2;
  }
  if (sub === 'pay' && !/^\d+$/.test(amount ?? '')) {
    err(
      'kioskctl: el importe de prueba va en céntimos enteros, por ejemplo «kioskctl terminal pay 100» para 1,00 €',
    );
    return 2;
  }
  const socket = await socketFrom(values);
  switch (sub) {
    case 'status': {
      const check = await controlRequest<{ status: TerminalStatus | null; report: DeviceReport }>(
        socket,
        'GET',
        '/v1/terminal/status',
        30_000,
      );
      show(check, () => [
        `terminal de pago: ${check.report.code} [${check.report.health}]${check.report.detail ? ` — ${check.report.detail}` : ''}`,
      ]);
      return check.report.health === 'error' ? 1 : 0;
    }
    case 'pay': {
      const outcome = await controlRequest<PaymentOutcome>(
        socket,
        'POST',
        `/v1/terminal/pay?amountCents=${amount}`,
        300_000,
      );
      show(outcome, () => describePayment(outcome));
      return outcome.kind === 'approved' ? 0 : 1;
    }
    case 'last': {
      const outcome = await controlRequest<LastTransactionOutcome>(
        socket,
        'GET',
        '/v1/terminal/last',
        60_000,
      );
      show(outcome, () =>
        outcome.kind === 'found'
          ? [
              `última operación: ${outcome.approved === false ? 'no aprobada' : 'aprobada'}`,
              ...transactionLines(outcome.transaction),
              ...receiptLines(outcome.receipt),
            ]
          : [
              `última operación: ${outcome.kind}${'refusal' in outcome && outcome.refusal ? ` (${outcome.refusal.providerCode}: ${outcome.refusal.message})` : ''}`,
            ],
      );
      return outcome.kind === 'found' ? 0 : 1;
    }
    case 'end-of-day': {
      const outcome = await controlRequest<EndOfDayOutcome>(
        socket,
        'POST',
        '/v1/terminal/end-of-day',
        300_000,
      );
      show(outcome, () =>
        outcome.kind === 'closed'
          ? [
              `cierre del día hecho: total ${euros(outcome.totalCents ?? 0)}, recibos ${outcome.firstReceiptNumber ?? '-'} a ${outcome.lastReceiptNumber ?? '-'}`,
              ...outcome.schemes.map(
                (s) =>
                  `  ${s.scheme.padEnd(14)} ${String(s.count).padStart(4)} operaciones  ${euros(s.totalCents)}`,
              ),
            ]
          : [
              `cierre NO hecho: ${outcome.kind}${'refusal' in outcome ? ` (${outcome.refusal.providerCode}: ${outcome.refusal.message})` : ''}${'detail' in outcome ? ` — ${outcome.detail}` : ''}`,
            ],
      );
      return outcome.kind === 'closed' ? 0 : 1;
    }
    case 'diag': {
      const outcome = await controlRequest<DiagnosisOutcome>(
        socket,
        'POST',
        '/v1/terminal/diagnosis',
        300_000,
      );
      show(outcome, () =>
        outcome.kind === 'done'
          ? ['diagnóstico del terminal hecho', ...receiptLines(outcome.receipt)]
          : [
              `diagnóstico NO hecho: ${outcome.kind}${'refusal' in outcome ? ` (${outcome.refusal.providerCode}: ${outcome.refusal.message})` : ''}${'detail' in outcome ? ` — ${outcome.detail}` : ''}`,
            ],
      );
      return outcome.kind === 'done' ? 0 : 1;
    }
    default:
      err(USAGE);
      return 2;
  }
}

function describePayment(outcome: PaymentOutcome): string[] {
  switch (outcome.kind) {
    case 'approved':
      return ['pago de prueba APROBADO', ...transactionLines(outcome.transaction)];
    case 'declined':
      return [`pago de prueba DENEGADO: ${outcome.refusal.message} (${outcome.refusal.providerCode})`];
    case 'not_started':
      return [
        `pago de prueba no empezado, no se ha cobrado nada: ${outcome.refusal.message} (${outcome.refusal.providerCode})`,
      ];
    case 'unknown':
      return [
        `resultado DESCONOCIDO (${outcome.reason}): puede haberse cobrado; consulte «kioskctl terminal last» antes de repetir`,
        `  ${outcome.detail}`,
      ];
  }
}

function transactionLines(t: CardTransaction | undefined): string[] {
  if (!t) return [];
  return [
    `  importe ${euros(t.amountCents)}, recibo ${t.receiptNumber ?? '-'}, traza ${t.traceNumber ?? '-'}, autorización ${t.authorisationCode ?? '-'}`,
    `  tarjeta ${t.cardName ?? '-'} ${t.maskedPan ?? ''}, terminal ${t.terminalId ?? '-'}, ${t.terminalDateTime ?? ''}`.trimEnd(),
  ];
}

function receiptLines(receipts: readonly ReceiptText[]): string[] {
  return receipts.flatMap((r) => [`  --- recibo (${r.copy}) ---`, ...r.lines.map((l) => `  ${l}`)]);
}

function euros(cents: number): string {
  return `${(cents / 100).toFixed(2).replace('.', ',')} €`;
}
