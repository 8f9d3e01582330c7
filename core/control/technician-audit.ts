/**
 * The technician's commands in the audit chain, and the chain's own routes on the control socket.
 * Every kioskctl command that changes something is recorded after it ran, with its outcome code (or
 * `error` and the error's code); never its answer's content (receipts, totals, card data).
 */
import type { AuditEntry, AuditLog, AuditVerification, TechnicianKind } from '../audit/index.ts';
import type { Logger } from '../log/logger.ts';

/** The control routes that change something, and what enters the chain for each. */
export const TECHNICIAN_ROUTES: Readonly<Record<string, TechnicianKind>> = {
  'POST /v1/printer/test-page': 'technician.printer_test_page',
  'POST /v1/terminal/pay': 'technician.terminal_test_payment',
  'POST /v1/terminal/end-of-day': 'technician.terminal_end_of_day',
  'POST /v1/terminal/diagnosis': 'technician.terminal_diagnosis',
  'POST /v1/sync/now': 'technician.sync_now',
};

const CODE = /^[a-z][a-z0-9_.-]{0,63}$/u;
const asCode = (v: unknown): string | undefined => (typeof v === 'string' && CODE.test(v) ? v : undefined);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What a command's answer says about how it ended, as codes only. */
export function technicianOutcome(answer: unknown): { result: string; code?: string; count?: number } {
  if (!isObject(answer)) return { result: 'ok' };
  // printer test page: PrintOutcome
  if (typeof answer.delivered === 'boolean') {
    const code = isObject(answer.error) ? asCode(answer.error.code) : undefined;
    return { result: answer.delivered ? 'delivered' : 'not_delivered', ...(code ? { code } : {}) };
  }
  // sync now: { round, status }
  if (isObject(answer.round)) {
    const round = answer.round;
    const code = isObject(round.error) ? asCode(round.error.code) : undefined;
    const sent = Number.isSafeInteger(round.sent) ? (round.sent as number) : undefined;
    return {
      result: round.ok === true ? 'ok' : 'failed',
      ...(code ? { code } : {}),
      ...(sent === undefined ? {} : { count: sent }),
    };
  }
  // terminal commands: { kind, refusal?: { code } }
  const kind = asCode(answer.kind);
  if (kind !== undefined) {
    const code = isObject(answer.refusal) ? asCode(answer.refusal.code) : undefined;
    return { result: kind, ...(code ? { code } : {}) };
  }
  return { result: 'ok' };
}

export function errorOutcome(error: unknown): { result: string; code?: string } {
  const code = isObject(error) ? asCode(error.code) : undefined;
  return { result: 'error', ...(code ? { code } : {}) };
}

/**
 * Runs `action` and records it. A failure to record is logged, not thrown: the command already
 * happened, and the technician must see its answer.
 */
export async function recordTechnician<T>(
  audit: () => AuditLog,
  kind: TechnicianKind,
  extra: { amountCents?: number },
  action: () => Promise<T> | T,
  logger: Logger,
): Promise<T> {
  const record = (outcome: { result: string; code?: string; count?: number }) => {
    try {
      audit().append(kind, { ...outcome, ...extra });
    } catch (error) {
      logger.error({ err: error, kind }, 'technician action not recorded in the audit chain');
    }
  };
  let answer: T;
  try {
    answer = await action();
  } catch (error) {
    record(errorOutcome(error));
    throw error;
  }
  record(technicianOutcome(answer));
  return answer;
}

/** `GET /v1/audit/verify` and `GET /v1/audit/list?last=N`. */
export function auditRoutes(
  audit: () => AuditLog,
  badRequest: (message: string) => Error,
): Record<string, (query: URLSearchParams) => unknown> {
  return {
    'GET /v1/audit/verify': (): AuditVerification => audit().verify(),
    'GET /v1/audit/list': (query): AuditEntry[] => {
      const last = query.get('last');
      if (last !== null && !/^[1-9][0-9]{0,6}$/u.test(last)) {
        throw badRequest('--last va en número de entradas, de 1 a 9999999');
      }
      return audit().list(last === null ? {} : { last: Number(last) });
    },
  };
}
