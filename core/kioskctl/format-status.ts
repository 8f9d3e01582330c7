import type { DeviceKind, DeviceStateCode } from '../api/contract.ts';
import type { ControlStatus } from '../control/control-protocol.ts';

const DEVICE_NAMES: Readonly<Record<DeviceKind, string>> = {
  cardReader: 'lector de DNIe',
  printer: 'impresora',
  paymentTerminal: 'terminal de pago',
  scanner: 'lector de códigos',
  central: 'central',
};

const STATE_NAMES: Readonly<Record<DeviceStateCode, string>> = {
  ready: 'preparado',
  starting: 'arrancando',
  driver_pending: 'sin controlador en esta versión',
  not_configured: 'no instalado',
  disconnected: 'sin conexión',
  reader_absent: 'lector no encontrado',
  card_present: 'tarjeta insertada',
  paper_near_end: 'queda poco papel',
  paper_out: 'sin papel',
  cover_open: 'tapa abierta',
  cutter_error: 'fallo de la cuchilla',
  busy: 'ocupado',
  offline: 'fuera de línea',
  fault: 'avería',
};

/** The technician's view: exact state codes beside their plain names. */
export function formatStatus(status: ControlStatus): string {
  const lines = [
    `Cajero ${status.kioskId} «${status.name}» (${status.municipality})`,
    `  software ${status.softwareVersion}, KioskApi ${status.apiVersion}, proceso ${status.pid}`,
    `  en marcha desde ${status.startedAt} (${status.uptimeSeconds} s)`,
    `  configuración: ${status.configFile}`,
    `  pantalla: ${status.screenUrl ?? '(sin pantalla)'}`,
    '  dispositivos:',
  ];
  for (const device of status.devices) {
    const name = DEVICE_NAMES[device.device].padEnd(18);
    const state = `${STATE_NAMES[device.code]} [${device.health}/${device.code}]`;
    lines.push(`    ${name} ${state} desde ${device.since}${device.detail ? ` — ${device.detail}` : ''}`);
  }
  return lines.join('\n');
}
