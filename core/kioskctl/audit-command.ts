/**
 * `kioskctl audit verify|list`: the audit chain (core/audit). Through the running core's control
 * socket; when no core runs on the configuration's data folder, straight from the kiosk store, opened
 * read-only (verify only reads, so the answer is the same either way).
 */
import { parseArgs } from 'node:util';
import { DEMO_CONFIG_FILE, loadKioskConfig, resolveConfigPath } from '../../kiosk-config/index.ts';
import { AUDIT_ADVICE, type AuditEntry, type AuditVerification, createAuditLog } from '../audit/index.ts';
import { controlSocketPath } from '../control/control-protocol.ts';
import { openKioskStore } from '../store/index.ts';
import { controlRequest, KioskctlError } from './control-client.ts';

type Out = (line: string) => void;

const USAGE =
  'kioskctl: uso: kioskctl audit verify | list [--last N]  [--config FICHERO | --socket RUTA] [--json]';

/** The verification as a technician reads it. Pure: tested on its own. */
export function formatVerification(v: AuditVerification): string[] {
  if (v.ok) {
    const head =
      v.head === null
        ? 'cadena íntegra: 0 entradas (todavía no hay ninguna)'
        : `cadena íntegra: ${v.entries} entradas, última nº ${v.head.seq} (${v.head.kind}, ${v.head.at})`;
    const central =
      v.acknowledged === null
        ? 'la central no ha confirmado todavía ninguna entrada'
        : `la central confirmó hasta la nº ${v.acknowledged.seq}`;
    return [head, `${central}; ${v.unsent} pendiente(s) de enviar`];
  }
  const p = v.problem;
  return [
    `cadena ROTA en la entrada nº ${p?.seq ?? '?'}: ${p?.message ?? 'problema sin describir'}`,
    ...(v.problems > 1 ? [`(y ${v.problems - 1} problema(s) más, que pueden venir de este)`] : []),
    `Qué hacer: ${AUDIT_ADVICE}`,
  ];
}

export function formatEntry(e: AuditEntry): string {
  const data = Object.entries(e.data)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${String(e.seq).padStart(6)}  ${e.at}  ${e.kind}${data === '' ? '' : `  ${data}`}`;
}

export async function auditCommand(args: readonly string[], out: Out, err: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      socket: { type: 'string' },
      json: { type: 'boolean' },
      last: { type: 'string' },
    },
  });
  const [sub, ...extra] = positionals;
  const wellFormed =
    extra.length === 0 &&
    (sub === 'verify' || sub === 'list') &&
    (values.last === undefined || (sub === 'list' && /^[1-9][0-9]{0,6}$/u.test(values.last)));
  if (!wellFormed) {
    err(USAGE);
    return 2;
  }
  const show = (value: unknown, human: () => string[]) => {
    for (const line of values.json ? [JSON.stringify(value, null, 2)] : human()) out(line);
  };
  const route =
    sub === 'verify' ? '/v1/audit/verify' : `/v1/audit/list${values.last ? `?last=${values.last}` : ''}`;

  const answer = await ask(values, route, sub, values.last === undefined ? undefined : Number(values.last));
  if (sub === 'verify') {
    const v = answer as AuditVerification;
    show(v, () => formatVerification(v));
    return v.ok ? 0 : 1;
  }
  const entries = answer as AuditEntry[];
  show(entries, () =>
    entries.length === 0 ? ['(el registro de auditoría está vacío)'] : entries.map(formatEntry),
  );
  return 0;
}

/** The running core if there is one; else the store in the data folder, read-only. */
async function ask(
  values: { config?: string | undefined; socket?: string | undefined },
  route: string,
  sub: 'verify' | 'list',
  last: number | undefined,
): Promise<unknown> {
  if (values.socket !== undefined) return controlRequest(values.socket, 'GET', route, 120_000);
  const loaded = await loadKioskConfig(values.config ?? DEMO_CONFIG_FILE);
  const dataDir = resolveConfigPath(loaded, loaded.config.dataDir);
  try {
    return await controlRequest(controlSocketPath(dataDir), 'GET', route, 120_000);
  } catch (error) {
    if (!(error instanceof KioskctlError) || error.code !== 'kioskctl.unreachable') throw error;
  }
  const store = openKioskStore({ dataDir, readOnly: true });
  try {
    const audit = createAuditLog(store, { kioskId: loaded.config.kioskId });
    return sub === 'verify' ? audit.verify() : audit.list(last === undefined ? {} : { last });
  } finally {
    store.close();
  }
}
