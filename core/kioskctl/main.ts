/**
 * kioskctl: the technician's command-line tool. Talks to a running core over the control socket in
 * the kiosk's data folder, or works on files (configuration check) without one.
 */
import { parseArgs } from 'node:util';
import { KioskError } from '../../drivers/common/kiosk-error.ts';
import {
  DEMO_CONFIG_FILE,
  KioskConfigError,
  loadKioskConfig,
  resolveConfigPath,
} from '../../kiosk-config/index.ts';
import { controlSocketPath, type ControlStatus } from '../control/control-protocol.ts';
import { controlRequest } from './control-client.ts';
import { printerCommand } from './printer-command.ts';
import { terminalCommand } from './terminal-command.ts';
import { paymentsCommand } from './payments-command.ts';
import { syncCommand } from './sync-command.ts';
import { cardCommand } from './card-command.ts';
import { formatStatus } from './format-status.ts';
import { installCommand } from './install-command.ts';
import { auditCommand } from './audit-command.ts';

const HELP = `kioskctl: herramienta del técnico del cajero ciudadano

Uso:
  kioskctl config check FICHERO      comprueba un fichero de configuración y dice qué falla, línea a línea
  kioskctl status [opciones]         versión, configuración y estado exacto de cada dispositivo del
                                     cajero en marcha
  kioskctl install [--config FICHERO] [--user USUARIO] [--json]
                                     comprueba que la máquina tiene lo que el cajero necesita: usuario sin
                                     intérprete, carpeta de datos, pcscd, dispositivos, reglas udev, unidad

Impresora:
  kioskctl printer status [opciones] estado exacto de la impresora, preguntado ahora (DLE EOT 1-4)
  kioskctl printer test-page [...]   imprime la página de prueba (juego de caracteres, QR, CODE128)
  kioskctl printer preview DOC --out FICHERO.png [--width 58|80] [--code-page pc858|wpc1252]
                                     dibuja un documento con datos de ejemplo, sin impresora (DOC:
                                     volante-individual, volante-colectivo, justificante,
                                     recibo-terminal, cierre, prueba)

Terminal de pago y pagos:
  kioskctl terminal status           estado del terminal de pago (consulta de estado ZVT)
  kioskctl terminal pay CÉNTIMOS     pago de prueba (¡cobra de verdad en un terminal real!)
  kioskctl terminal last             la última operación según el terminal
  kioskctl terminal end-of-day       cierre del día del terminal, con sus totales
  kioskctl terminal diag             diagnóstico del terminal (autoprueba y conexión con la entidad)
  kioskctl payments list|show ID|recover
                                     pagos de hoy y su estado, un pago con su historia, o resolver
                                     a mano los pagos a medias (con el cajero parado)

Central:
  kioskctl sync status               cola de eventos para la central, último envío y fallo, cursor de
                                     la lista de recibos pagados
  kioskctl sync now                  fuerza ahora una ronda de sincronización con la central

Auditoría:
  kioskctl audit verify              comprueba la cadena de auditoría (sesiones, documentos, pagos y
                                     acciones del técnico): ninguna entrada modificada ni borrada
  kioskctl audit list [--last N]     las entradas (tipo, hora y datos), las N últimas si se pide
  (con el cajero en marcha por su canal; con el cajero parado, leyendo su carpeta de datos)

DNIe (hablan con pcscd directamente, no con el cajero en marcha):
  kioskctl card readers              lectores de tarjetas (PC/SC) y la tarjeta de cada uno
  kioskctl card info                 ATR, versión del DNIe, titular y validez del certificado (sin PIN)
  kioskctl card auth                 pide el PIN sin eco, firma un reto aleatorio con el DNIe y comprueba
                                     la firma aquí; las claves CWA-14890 del cajero vienen de --terminal
                                     FICHERO.json o del terminalConfigFile de --config
  Opciones de card: --reader PATRÓN (o el de --config), --wait SEGUNDOS, --json

Opciones de status, printer, terminal, sync y audit:
  --config FICHERO   configuración del cajero (de ella sale la carpeta de datos); por defecto la de demostración
  --socket RUTA      canal del técnico, si no está en la carpeta de datos de la configuración
  --json             salida en JSON para otros programas

Salida: 0 si todo va bien, 1 si hay un problema (configuración no válida, cajero parado), 2 si la orden
está mal escrita.`;

type Out = (line: string) => void;

export async function kioskctl(argv: readonly string[], out: Out, err: Out): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === 'config') return await configCommand(rest, out, err);
    if (command === 'status') return await statusCommand(rest, out);
    if (command === 'printer') return await printerCommand(rest, out, err, socketFrom);
    if (command === 'terminal') return await terminalCommand(rest, out, err, socketFrom);
    if (command === 'payments') return await paymentsCommand(rest, out, err);
    if (command === 'sync') return await syncCommand(rest, out, err, socketFrom);
    if (command === 'install') return await installCommand(rest, out);
    if (command === 'card') return await cardCommand(rest, out, err);
    if (command === 'audit') return await auditCommand(rest, out, err);
    err(`kioskctl: orden desconocida «${command}». Use «kioskctl help».`);
    return 2;
  } catch (error) {
    if (error instanceof KioskConfigError) {
      err(`kioskctl: ${error.message}`);
      for (const line of error.lines()) err(`  ${line}`);
      return 1;
    }
    if (error instanceof KioskError) {
      err(`kioskctl: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      err(`kioskctl: ${error.message}. Use «kioskctl help».`);
      return 2;
    }
    throw error;
  }
}

async function configCommand(args: readonly string[], out: Out, err: Out): Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub !== 'check' || file === undefined || extra.length > 0) {
    err('kioskctl: uso: kioskctl config check FICHERO');
    return 2;
  }
  const loaded = await loadKioskConfig(file);
  const { config } = loaded;
  out(`${file}: configuración válida`);
  out(
    `  cajero ${config.kioskId} «${config.name}», ${config.municipality.name} (INE ${config.municipality.ineCode})`,
  );
  out(`  idiomas: ${config.languages.available.join(', ')} (por defecto ${config.languages.default})`);
  out(`  central: ${config.central.mode === 'embedded' ? 'integrada (demostración)' : config.central.url}`);
  out(`  datos en: ${resolveConfigPath(loaded, config.dataDir)}`);
  return 0;
}

/** The control socket: --socket, or the data folder of --config (the demo configuration by default). */
async function socketFrom(values: {
  config?: string | undefined;
  socket?: string | undefined;
}): Promise<string> {
  if (values.socket !== undefined) return values.socket;
  const loaded = await loadKioskConfig(values.config ?? DEMO_CONFIG_FILE);
  return controlSocketPath(resolveConfigPath(loaded, loaded.config.dataDir));
}

async function statusCommand(args: readonly string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { config: { type: 'string' }, socket: { type: 'string' }, json: { type: 'boolean' } },
  });
  const status = await controlRequest<ControlStatus>(await socketFrom(values), 'GET', '/v1/status');
  out(values.json ? JSON.stringify(status, null, 2) : formatStatus(status));
  return 0;
}

if (import.meta.main) {
  const code = await kioskctl(process.argv.slice(2), console.log, console.error);
  process.exitCode = code;
}
