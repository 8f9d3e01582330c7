/** `kioskctl printer …`: the printer as the running core sees it. */
import { parseArgs } from 'node:util';
import type { PrinterCheck } from '../devices/printer-service.ts';
import type { PrintOutcome } from '../control/control-protocol.ts';
import { controlRequest } from './control-client.ts';

type Out = (line: string) => void;
type SocketFrom = (values: { config?: string | undefined; socket?: string | undefined }) => Promise<string>;

export async function printerCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  socketFrom: SocketFrom,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { config: { type: 'string' }, socket: { type: 'string' }, json: { type: 'boolean' } },
  });
  const socket = await socketFrom(values);
  if (sub === 'status') {
    const check = await controlRequest<PrinterCheck>(socket, 'GET', '/v1/printer/status');
    if (values.json) out(JSON.stringify(check, null, 2));
    else {
      out(
        `impresora: ${check.report.code} [${check.report.health}]${check.report.detail ? ` — ${check.report.detail}` : ''}`,
      );
      if (check.reachable) {
        const flags = Object.entries(check.status)
          .filter(([, on]) => on)
          .map(([name]) => name);
        out(`  señales activas: ${flags.length === 0 ? 'ninguna' : flags.join(', ')}`);
      }
    }
    return check.report.health === 'error' ? 1 : 0;
  }
  if (sub === 'test-page') {
    const outcome = await controlRequest<PrintOutcome>(socket, 'POST', '/v1/printer/test-page', 30_000);
    if (values.json) out(JSON.stringify(outcome, null, 2));
    else if (outcome.delivered) {
      out(
        `página de prueba impresa${outcome.warnings.length ? ` (avisos: ${outcome.warnings.join(', ')})` : ''}`,
      );
    } else {
      out(
        `página de prueba NO impresa: ${outcome.error.message}${outcome.error.detail ? ` (${outcome.error.detail})` : ''}`,
      );
      out(
        outcome.bytesSent
          ? '  parte del documento llegó a la impresora: retire el papel impreso'
          : '  no se envió nada a la impresora',
      );
    }
    return outcome.delivered ? 0 : 1;
  }
  err('kioskctl: uso: kioskctl printer status|test-page [--config FICHERO | --socket RUTA] [--json]');
  return 2;
}
