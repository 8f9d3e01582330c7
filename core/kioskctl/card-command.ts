/**
 * `kioskctl card readers|info|auth`: the DNIe reader straight through pcscd (not through core), for
 * the technician. `info` never asks for the PIN; `auth` asks for it without echo on a terminal (or reads
 * the first line of stdin when it is not a terminal), signs a random challenge and checks the signature
 * on this machine. The PIN is held only as bytes and wiped by the driver; it is never printed.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  DnieSession,
  dnieVersion,
  identify,
  loadTerminalConfig,
  type TerminalConfig,
  versionLabel,
} from '../../drivers/dnie/index.ts';
import { hex, type CardConnection, ReaderMonitor } from '../../drivers/pcsc/index.ts';
import { verifyChallengeSignature } from '../../drivers/pki/index.ts';
import { DEMO_CONFIG_FILE, loadKioskConfig } from '../../kiosk-config/index.ts';

type Out = (line: string) => void;

export interface CardCommandIo {
  /** Where the PIN comes from (process.stdin by default). */
  readonly input?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where the PIN prompt goes (stderr by default, so stdout stays clean). */
  readonly prompt?: (text: string) => void;
}

export const CARD_USAGE =
  'kioskctl: uso: kioskctl card readers|info|auth [--reader PATRÓN | --config FICHERO] [--terminal FICHERO.json] [--wait SEGUNDOS] [--json]';

const MAX_PIN = 16;

export async function cardCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  io: CardCommandIo = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      reader: { type: 'string' },
      config: { type: 'string' },
      terminal: { type: 'string' },
      wait: { type: 'string', default: '5' },
      json: { type: 'boolean' },
    },
  });
  const [sub, ...extra] = positionals;
  const waitMs = Number(values.wait) * 1000;
  if (extra.length > 0 || !['readers', 'info', 'auth'].includes(sub ?? '') || !(waitMs >= 0)) {
    err(CARD_USAGE);
    return 2;
  }
  // The terminal's CWA-14890 files: --terminal, or the kiosk configuration's terminalConfigFile.
  const terminalFile =
    values.terminal ??
    (values.config === undefined
      ? undefined
      : (await loadKioskConfig(values.config)).config.devices.cardReader.terminalConfigFile);
  if (sub === 'auth' && terminalFile === undefined) {
    err(
      'kioskctl: «card auth» necesita --terminal FICHERO.json (claves y certificados CWA-14890 del cajero) o una --config con terminalConfigFile',
    );
    return 2;
  }
  const pattern = await readerPattern(values);
  const monitor = new ReaderMonitor({ readerPattern: pattern, retryMs: 250, transmitTimeoutMs: 5000 });
  monitor.start();
  try {
    if (sub === 'readers') return await readersCommand(monitor, waitMs, values.json === true, out);
    const terminal = terminalFile === undefined ? undefined : await loadTerminalConfig(terminalFile);
    const connection = await connectToCard(monitor, waitMs, err);
    if (connection === undefined) return 1;
    try {
      if (sub === 'info') return await infoCommand(connection, terminal, values.json === true, out);
      return await authCommand(connection, terminal!, io, out, err);
    } finally {
      await connection.close('reset');
    }
  } finally {
    await monitor.stop();
  }
}

async function readerPattern(values: {
  reader?: string | undefined;
  config?: string | undefined;
}): Promise<RegExp> {
  if (values.reader !== undefined) return new RegExp(values.reader);
  const loaded = await loadKioskConfig(values.config ?? DEMO_CONFIG_FILE);
  return new RegExp(loaded.config.devices.cardReader.readerNamePattern);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readersCommand(
  monitor: ReaderMonitor,
  waitMs: number,
  json: boolean,
  out: Out,
): Promise<number> {
  // Readers and cards show up on the monitor's first status round; give it a moment.
  await monitor.waitForReader(Math.max(waitMs, 1)).catch(() => undefined);
  await sleep(300);
  const cards = new Map(monitor.cards().map((card) => [card.reader, card.atr]));
  const rows = monitor.readers().map((reader) => {
    const atr = cards.get(reader);
    return {
      reader,
      card: atr === undefined ? null : { atr: hex(atr), version: versionLabel(dnieVersion(atr)) },
    };
  });
  if (json) out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) out('ningún lector coincide con el patrón');
  else
    for (const row of rows)
      out(
        `${row.reader}: ${row.card === null ? 'sin tarjeta' : `${row.card.version} (ATR ${row.card.atr})`}`,
      );
  return rows.length === 0 ? 1 : 0;
}

async function connectToCard(
  monitor: ReaderMonitor,
  waitMs: number,
  err: Out,
): Promise<CardConnection | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const card = monitor.cards()[0];
    if (card !== undefined) return monitor.connect(card.reader);
    if (Date.now() >= deadline) {
      err(
        monitor.readers().length === 0
          ? 'kioskctl: no hay ningún lector que coincida'
          : 'kioskctl: no hay ninguna tarjeta en el lector',
      );
      return undefined;
    }
    await sleep(100);
  }
}

async function infoCommand(
  connection: CardConnection,
  terminal: TerminalConfig | undefined,
  json: boolean,
  out: Out,
): Promise<number> {
  const version = dnieVersion(connection.atr);
  const base = { reader: connection.readerName, atr: hex(connection.atr), version: versionLabel(version) };
  if (version.kind !== 'dnie') {
    out(
      json
        ? JSON.stringify(base, null, 2)
        : [`lector: ${base.reader}`, `ATR: ${base.atr}`, `tarjeta: ${base.version}`].join('\n'),
    );
    return 1;
  }
  // info needs no terminal keys: the certificate is free to read on DNIe 3.0/4.0 (dnie.md §3).
  const session = new DnieSession(connection, terminal === undefined ? {} : { terminal });
  const certificate = await session.readAuthenticationCertificate();
  const info = {
    ...base,
    subject: certificate.subject.text,
    dni: certificate.citizen.dniNumber ?? null,
    issuer: certificate.issuer.text,
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    policies: certificate.policies,
  };
  if (json) out(JSON.stringify(info, null, 2));
  else {
    out(`lector: ${info.reader}`);
    out(`ATR: ${info.atr}`);
    out(`versión: ${info.version}`);
    out(`titular: ${info.subject}`);
    out(`DNI: ${info.dni ?? '(no figura)'}`);
    out(`emisor: ${info.issuer}`);
    out(`válido: desde ${info.notBefore} hasta ${info.notAfter}`);
  }
  return 0;
}

async function authCommand(
  connection: CardConnection,
  terminal: TerminalConfig,
  io: CardCommandIo,
  out: Out,
  err: Out,
): Promise<number> {
  const pin = await readPin(io);
  if (pin.length === 0) {
    err('kioskctl: no se ha escrito ningún PIN');
    return 1;
  }
  const challenge = new Uint8Array(randomBytes(32));
  const session = new DnieSession(connection, { terminal });
  const started = performance.now();
  const result = await identify(session, pin, challenge);
  const elapsed = Math.round(performance.now() - started);
  out(`lector: ${connection.readerName} (${versionLabel(session.version)})`);
  if (result.certificate !== undefined) out(`titular: ${result.certificate.subject.text}`);
  if (result.status === 'pin-wrong') {
    err(`PIN incorrecto: quedan ${result.triesLeft} intentos`);
    return 1;
  }
  if (result.status === 'pin-blocked') {
    err('PIN bloqueado: el titular debe desbloquearlo en un Punto de Actualización del DNIe');
    return 1;
  }
  const ok = verifyChallengeSignature(result.certificate, challenge, result.signature);
  out(`reto: ${hex(challenge)}`);
  out(
    `firma (${result.signature.length} bytes): ${ok ? 'correcta' : 'NO VÁLIDA'} con el certificado de autenticación`,
  );
  out(`tiempo: ${elapsed} ms`);
  return ok ? 0 : 1;
}

/** The PIN as bytes, never as a string: raw no-echo keystrokes on a TTY, else the first line of input. */
async function readPin(io: CardCommandIo): Promise<Uint8Array> {
  const input = io.input ?? process.stdin;
  const prompt = io.prompt ?? ((text: string) => process.stderr.write(text));
  const buffer = new Uint8Array(MAX_PIN + 1);
  let length = 0;
  const finish = (): Uint8Array => {
    const pin = buffer.slice(0, Math.min(length, MAX_PIN + 1));
    buffer.fill(0);
    return pin;
  };
  if (input.isTTY === true && input.setRawMode !== undefined) {
    prompt('PIN del DNIe: ');
    input.setRawMode(true);
    try {
      for await (const chunk of input) {
        const bytes = chunk as Buffer;
        for (const byte of bytes) {
          if (byte === 0x03) {
            // Ctrl-C: give up with an empty PIN (the caller says so).
            length = 0;
            bytes.fill(0);
            prompt('\n');
            return finish();
          }
          if (byte === 0x0d || byte === 0x0a) {
            bytes.fill(0);
            prompt('\n');
            return finish();
          }
          if (byte === 0x7f || byte === 0x08) length = Math.max(0, length - 1);
          else if (length <= MAX_PIN) buffer[length++] = byte;
        }
        bytes.fill(0);
      }
      return finish();
    } finally {
      input.setRawMode(false);
    }
  }
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    for (const byte of bytes) {
      if (byte === 0x0a || byte === 0x0d) {
        bytes.fill(0);
        return finish();
      }
      if (length <= MAX_PIN) buffer[length++] = byte;
    }
    bytes.fill(0);
  }
  return finish();
}
