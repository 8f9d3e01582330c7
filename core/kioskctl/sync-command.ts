/** `kioskctl sync status|now`: the queue to central and a forced round, through the running core. */
import { parseArgs } from 'node:util';
import type { CentralConfigFetch, RoundOutcome, SyncStatus } from '../sync/index.ts';
import { controlRequest } from './control-client.ts';

type Out = (line: string) => void;
type SocketFrom = (values: { config?: string | undefined; socket?: string | undefined }) => Promise<string>;

const USAGE = 'kioskctl: uso: kioskctl sync status|now [--config FICHERO | --socket RUTA] [--json]';

const STATE_TEXT: Record<SyncStatus['state'], string> = {
  starting: 'arrancando',
  ready: 'conectado',
  offline: 'sin conexión',
  fault: 'rechazado o mal configurado',
  not_configured: 'sin central configurada',
};

const CONFIG_FETCH_TEXT: Record<CentralConfigFetch, string> = {
  updated: '',
  unchanged: '',
  not_offered: 'la central no la ofrece: es de una versión anterior',
  invalid: 'la última respuesta no era válida; se mantiene la guardada',
};

/** Central's configuration for this kiosk: which version the kiosk holds and what the last round got. */
export function formatCentralConfig(c: SyncStatus['centralConfig']): string {
  const held =
    c.version === null
      ? 'ninguna recibida'
      : `versión ${c.version.slice(0, 12)}, recibida ${c.receivedAt ?? '—'}`;
  const note = c.lastFetch === null ? '' : CONFIG_FETCH_TEXT[c.lastFetch];
  const problem = c.lastFetch === 'invalid' && c.problem ? ` — ${c.problem}` : '';
  return `configuración de central: ${held}${note ? ` (${note}${problem})` : ''}`;
}

/** The status as a technician reads it. Pure: tested on its own. */
export function formatSyncStatus(s: SyncStatus): string[] {
  const lines = [
    `central: ${s.central ?? '—'} — ${STATE_TEXT[s.state]}${s.detail ? ` (${s.detail})` : ''}`,
    `cola: ${s.queueLength} evento(s) sin enviar${
      s.oldestUnsent ? `, el más antiguo ${s.oldestUnsent.eventId} de ${s.oldestUnsent.createdAt}` : ''
    }`,
    `último envío correcto: ${s.lastSuccessAt ?? 'nunca'}`,
    `último fallo: ${s.lastFailure ? `${s.lastFailure.at} ${s.lastFailure.code}${s.lastFailure.detail ? ` — ${s.lastFailure.detail}` : ''}` : 'ninguno'}`,
    `recibos pagados: cursor ${s.paidCursor}, lista al día a ${s.paidListAsOf ?? 'nunca recibida'}`,
    formatCentralConfig(s.centralConfig),
  ];
  if (s.consecutiveFailures > 0) {
    lines.push(`fallos seguidos: ${s.consecutiveFailures}; próximo intento ${s.nextAttemptAt ?? 'a mano'}`);
  }
  for (const h of s.heldBack) lines.push(`retenido: ${h.eventId} — ${h.reason}`);
  return lines;
}

export function formatRound(r: RoundOutcome): string[] {
  const head = r.ok
    ? `ronda de sincronización correcta: ${r.sent} evento(s) enviados, ${r.paidRecibos} recibo(s) pagados recibidos`
    : `ronda de sincronización fallida: ${r.error ? `${r.error.message} [${r.error.code}]${r.error.detail ? ` — ${r.error.detail}` : ''}` : 'sin central configurada'}`;
  const lines = [head];
  if (r.refundRequired.length > 0) {
    lines.push(`a devolver (recibo pagado dos veces): ${r.refundRequired.join(', ')}`);
  }
  if (r.centralConfig === 'updated') lines.push('configuración de central: nueva versión guardada');
  if (r.centralConfig === 'invalid') {
    lines.push('configuración de central: respuesta no válida, se mantiene la guardada');
  }
  return lines;
}

export async function syncCommand(
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
  const [sub, ...extra] = positionals;
  if (extra.length > 0 || (sub !== 'status' && sub !== 'now')) {
    err(USAGE);
    return 2;
  }
  const socket = await socketFrom(values);
  const show = (value: unknown, human: () => string[]) => {
    for (const line of values.json ? [JSON.stringify(value, null, 2)] : human()) out(line);
  };
  if (sub === 'status') {
    const status = await controlRequest<SyncStatus>(socket, 'GET', '/v1/sync/status');
    show(status, () => formatSyncStatus(status));
    return status.state === 'ready' ? 0 : 1;
  }
  // A round can wait for central's timeout on every call it makes.
  const answer = await controlRequest<{ round: RoundOutcome; status: SyncStatus }>(
    socket,
    'POST',
    '/v1/sync/now',
    300_000,
  );
  show(answer, () => [...formatRound(answer.round), ...formatSyncStatus(answer.status)]);
  return answer.round.ok ? 0 : 1;
}
