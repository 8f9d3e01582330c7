/**
 * A kiosk for the session screens' browser tests: the real core (session machine, identification,
 * recibo payments, printer) behind the real WebSocket transport and the built screen, with two stand-ins
 * of our own interfaces: central's citizen routes (`CitizenAccess`, scripted below) and the DNIe
 * (`IdentifyCard`, no pcscd). The printer is the ESC/POS emulator over TCP; the card terminal, when a
 * test asks, the ZVT simulator over TCP.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { CardPresence, DeviceKind, VolanteKind } from '../../core/api/contract.ts';
import { attachWebSocketTransport } from '../../core/api/ws-server.ts';
import type {
  CentralChallenge,
  CentralRecibo,
  CitizenAccess,
  CitizenService,
  IssueAnswer,
  PersonaWire,
  PreviewAnswer,
} from '../../core/citizen-access/index.ts';
import type { CitizenAccessError } from '../../core/citizen-access/index.ts';
import { securityHeaders } from '../../core/host/csp.ts';
import { RENDERER_DIST } from '../../core/host/browser-host.ts';
import { staticFilesHandler } from '../../core/host/static-files.ts';
import type { IdentifyCard } from '../../core/identification/index.ts';
import { KioskCore } from '../../core/kiosk-core.ts';
import { createLogger } from '../../core/log/logger.ts';
import { PaymentLedger } from '../../core/payments/index.ts';
import { openKioskStore } from '../../core/store/index.ts';
import { parseKioskConfigText } from '../../kiosk-config/index.ts';
import { type PaymentSimulator, startSimulator } from '../../simulators/payment/index.ts';
import { PrinterEmulator } from '../../simulators/printer/index.ts';
import { demoConfigText, type RawConfig } from '../support/test-host.ts';

export const GOOD_PIN = 'PRUEBA2026';

const hex32 = () => randomBytes(16).toString('hex');
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

const HOGAR: PersonaWire[] = [
  {
    nombre: 'MARÍA JOSÉ',
    apellido1: 'ESPAÑOLA',
    apellido2: 'ESPAÑOLA',
    documento: '99999999R',
    fechaNacimiento: '1980-01-02',
    lugarNacimiento: 'VILLADEMO',
    nacionalidad: 'ESPAÑA',
    fechaAlta: '2015-06-30',
    motivoAlta: 'Cambio de residencia',
  },
  {
    nombre: 'JON',
    apellido1: 'ESPAÑOL',
    apellido2: null,
    documento: null,
    fechaNacimiento: '2016-09-15',
    lugarNacimiento: null,
    nacionalidad: 'ESPAÑA',
    fechaAlta: '2016-09-20',
    motivoAlta: 'Nacimiento',
  },
];

/** Central's citizen routes as a test scripts them: what it answers, and what it was asked. */
export class ScriptedCentral implements CitizenAccess {
  reachable = true;
  /** A refusal central answers to the next preview or list, as its stable reason. */
  refuse: CitizenAccessError | null = null;
  recibos: CentralRecibo[] = [];
  readonly issued: IssueAnswer[] = [];
  readonly asked: CitizenService[] = [];
  /** How long central takes to answer a preview, a list or an issue (to see the "working" screen). */
  delayMs = 0;

  async #slow(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }

  async challenge(service: CitizenService): Promise<CentralChallenge> {
    this.asked.push(service);
    return { challengeId: hex32(), challenge: new Uint8Array(randomBytes(32)), expiresAt: inAnHour() };
  }

  async previewVolante(_proof: unknown, kind: VolanteKind): Promise<PreviewAnswer> {
    await this.#slow();
    if (this.refuse) throw this.refuse;
    return {
      grantId: hex32(),
      expiresAt: inAnHour(),
      kind,
      preview: {
        municipio: { codigoIne: '47999', nombre: 'Villademo' },
        domicilio: { hoja: 12, direccion: 'CALLE MAYOR 7, 2º B', codigoPostal: '47999' },
        personas: kind === 'individual' ? HOGAR.slice(0, 1) : HOGAR,
        validezMeses: 3,
      },
    };
  }

  async issueVolante(): Promise<IssueAnswer> {
    await this.#slow();
    const csv = `VD${randomBytes(5).toString('hex').toUpperCase()}`;
    const issuedAt = new Date().toISOString();
    const validUntil = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const verificationUrl = 'https://sede.villademo.example/verificar';
    const kind = 'colectivo' as const;
    const answer: IssueAnswer = {
      csv,
      kind,
      issuedAt,
      validUntil,
      verificationUrl,
      document: {
        documento: 'volante_empadronamiento',
        clase: kind,
        csv,
        municipio: { codigoIne: '47999', nombre: 'Villademo' },
        expedidoEn: issuedAt,
        validoHasta: validUntil,
        domicilio: { hoja: 12, direccion: 'CALLE MAYOR 7, 2º B', codigoPostal: '47999' },
        personas: HOGAR,
        urlVerificacion: verificationUrl,
      },
      canonical: '{}',
      dataHash: '0'.repeat(64),
      seal: 'AAAA',
    };
    this.issued.push(answer);
    return answer;
  }

  async pendingRecibos(): Promise<CentralRecibo[]> {
    await this.#slow();
    if (this.refuse) throw this.refuse;
    return this.recibos;
  }
}

export const fakeIdentify: IdentifyCard = async (pin) =>
  new TextDecoder().decode(pin) === GOOD_PIN
    ? {
        status: 'identified',
        identity: { givenName: 'MARÍA JOSÉ', surnames: 'ESPAÑOLA ESPAÑOLA', dniNumber: '99999999R' },
        credential: { certificateDer: new Uint8Array([0x30, 0x00]), signature: new Uint8Array(256) },
      }
    : { status: 'pin_wrong', triesLeft: 2 };

export interface SessionKiosk {
  readonly core: KioskCore;
  readonly central: ScriptedCentral;
  readonly printer: PrinterEmulator;
  readonly terminal: PaymentSimulator | null;
  readonly url: string;
  /** Every log line core wrote, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** The method of every call the screen sent, in order (what reached core, not what core did). */
  readonly calls: string[];
  /** A DNIe goes into the reader (true) or comes out (false), as the reader service reports it. */
  setCard(present: boolean): void;
  stop(): Promise<void>;
}

export async function startSessionKiosk(
  options: { change?: (config: RawConfig) => void; terminal?: boolean; identify?: IdentifyCard } = {},
): Promise<SessionKiosk> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cajero-session-'));
  const printer = new PrinterEmulator({ tcpPort: 0 });
  const printerPort = (await printer.start()).tcp?.port;
  let terminal: PaymentSimulator | null = null;
  if (options.terminal) {
    // Offline payment rules need a paid-recibo list: a fresh, empty one.
    const store = openKioskStore({ dataDir });
    new PaymentLedger(store).replacePaidList(new Date(), new Date(), []);
    store.close();
    terminal = await startSimulator({ tcp: { port: 0 } });
  }
  const text = demoConfigText((config) => {
    config.dataDir = dataDir;
    config.devices.printer.connection = { transport: 'tcp', host: '127.0.0.1', port: printerPort };
    config.devices.paymentTerminal.connection = {
      transport: 'tcp',
      host: '127.0.0.1',
      port: terminal?.tcpPort ?? 1,
    };
    config.devices.scanner = { type: 'none' };
    config.simulators = { dnie: false, paymentTerminal: false, printer: false, scanner: false };
    options.change?.(config);
  });
  const loaded = parseKioskConfigText(text, path.join(dataDir, 'kiosk.json'));
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ destination, level: 'debug', component: 'session-kiosk' });
  const central = new ScriptedCentral();
  const identify = options.identify ?? fakeIdentify;
  const core = new KioskCore({ loaded, logger, identify, citizenAccess: central });
  // Central's reachability is the sync client's to tell; here the test decides it.
  core.sync.isCentralReachable = () => central.reachable;
  let card: CardPresence = { present: false, cardType: null };
  core.cardReader.card = () => card;

  let port = 0;
  const server = createServer(
    staticFilesHandler({
      root: RENDERER_DIST,
      allowedHosts: () => [`127.0.0.1:${port}`],
      headers: () => securityHeaders(`ws://127.0.0.1:${port}`),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const calls: string[] = [];
  const ws = attachWebSocketTransport({
    server,
    dispatch: (raw) => {
      try {
        calls.push(String(JSON.parse(String(raw)).method));
      } catch {
        calls.push('(not json)');
      }
      return core.dispatch(raw);
    },
    events: core.events,
    logger,
    allowedOrigins: () => [`http://127.0.0.1:${port}`],
  });
  const devices: DeviceKind[] = options.terminal ? ['printer', 'paymentTerminal'] : ['printer'];
  core.start(devices);
  await core.printer.check();

  return {
    core,
    central,
    printer,
    terminal,
    url: `http://127.0.0.1:${port}/`,
    logs,
    calls,
    setCard(present) {
      card = present ? { present: true, cardType: 'dnie' } : { present: false, cardType: null };
      core.events.emit('card.changed', card);
      core.identification.cardChanged(card);
      core.session.cardChanged(card);
    },
    async stop() {
      await ws.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await core.stop();
      await printer.stop();
      await terminal?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
