/**
 * The configuration of one kiosk: who it belongs to, which devices it drives and how, how it reaches
 * central, and the limits the municipality sets. Runtime-validated (see validate.ts): a configuration
 * file is input from a person and may be wrong in any way.
 *
 * Secrets never live in this file: keys and codes are given as paths to files readable only by the
 * kiosk's user (`…File` fields), so the configuration can be copied, diffed and shown to a technician.
 */
import { z } from 'zod';

export const LANGUAGES = ['es', 'ca', 'gl', 'eu', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const text = z.string().trim().min(1);
const filePath = z.string().min(1);
const tcpPort = z.number().int().min(1).max(65535);
const loopbackHost = z.enum(['127.0.0.1', '::1', 'localhost']);
const host = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9.:-]+$/, 'un nombre de máquina o una dirección IP');
const usbId = z.number().int().min(0).max(0xffff);
const baudRate = z.literal([9600, 19200, 38400, 57600, 115200]);

const regexSource = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'una expresión regular válida' },
  );

const serialTransport = z.strictObject({
  transport: z.literal('serial'),
  path: filePath,
  baudRate: baudRate.default(115200),
});
const tcpTransport = z.strictObject({
  transport: z.literal('tcp'),
  host,
  port: tcpPort,
});
const hidTransport = z.strictObject({
  transport: z.literal('hid'),
  vendorId: usbId,
  productId: usbId,
});

export const municipalitySchema = z.strictObject({
  name: text,
  /** INE municipality code: 2 digits of province + 3 of municipality. */
  ineCode: z.string().regex(/^\d{5}$/, 'cinco cifras (código INE: provincia + municipio)'),
  /** Cuaderno 60 emisoras this kiosk may collect for (6 digits each, check digit included). */
  emisoras: z.array(z.string().regex(/^\d{6}$/, 'seis cifras')).min(1),
  /** Base URL of the sede's verification page; printed documents carry it with their CSV. */
  verificationUrl: z.url({ protocol: /^https?$/ }),
  /** The body hosting the kiosk's central when it is not the municipality itself (a Diputación). */
  hostedBy: text.optional(),
  /** IANA time zone of printed dates and times (Canarias: Atlantic/Canary). */
  timeZone: z.enum(['Europe/Madrid', 'Atlantic/Canary', 'Africa/Ceuta']).default('Europe/Madrid'),
});

export const cardReaderSchema = z.strictObject({
  /** Regular expression matched against PC/SC reader names; the first reader that matches is used. */
  readerNamePattern: regexSource,
  /**
   * The CWA-14890 terminal configuration (drivers/dnie/terminal-config.ts): per secure channel the CA and
   * terminal CVCs and the terminal's private key, each as a file beside it. Production keys come from the
   * DNIe authority and are installed on the kiosk, never committed.
   */
  terminalConfigFile: filePath.optional(),
  /**
   * Folder of the DNIe trust anchors (AC RAIZ DNIE) and issuing CAs, one certificate per file (PEM or
   * DER). Absent: the citizen's certificate path is not validated and core logs a warning.
   */
  trustAnchorsDir: filePath.optional(),
});

export const paymentTerminalSchema = z.strictObject({
  protocol: z.literal('zvt'),
  connection: z.discriminatedUnion('transport', [serialTransport, tcpTransport, hidTransport]),
  currency: z.literal('EUR').default('EUR'),
  /** Seconds the terminal may stay silent in the middle of a payment before the outcome is unknown. */
  responseTimeoutSeconds: z.number().int().min(5).max(600).default(90),
});

export const printerSchema = z.strictObject({
  connection: z.discriminatedUnion('transport', [
    serialTransport,
    tcpTransport,
    z.strictObject({ transport: z.literal('usb'), devicePath: filePath }),
  ]),
  paperWidthMm: z.literal([58, 80]),
  /** Clone printers number their code tables differently: the table number is a setting. */
  codePage: z.strictObject({
    name: z.enum(['pc858', 'wpc1252']),
    escPosTable: z.number().int().min(0).max(255),
  }),
});

export const scannerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  // Read as a HID keyboard through node-hid, never from the focused page: ids are needed.
  z.strictObject({ type: z.literal('keyboard-wedge'), vendorId: usbId, productId: usbId }),
  z.strictObject({ type: z.literal('hid-pos'), vendorId: usbId, productId: usbId }),
  z.strictObject({ type: z.literal('serial'), path: filePath, baudRate: baudRate.default(9600) }),
]);

export const centralSchema = z.discriminatedUnion('mode', [
  /** The reference central runs inside the kiosk process on an embedded database: demos and tests. */
  z.strictObject({ mode: z.literal('embedded') }),
  z.strictObject({
    mode: z.literal('remote'),
    url: z.url({ protocol: /^https$/ }),
    clientCertificateFile: filePath,
    clientKeyFile: filePath,
    caFile: filePath,
    requestTimeoutSeconds: z.number().int().min(1).max(120).default(15),
  }),
]);

export const offlineSchema = z.strictObject({
  maxAmountPerReciboCents: z.number().int().min(0).max(10_000_000),
  maxPayments: z.number().int().min(0).max(100_000),
  /** Beyond this age of the paid-recibo list, offline payments stop: a recibo could be paid twice. */
  maxPaidListAgeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});

export const screenSchema = z
  .strictObject({
    idleTimeoutSeconds: z.number().int().min(20).max(600).default(90),
    /** WCAG 2.2.1: the citizen is warned this long before the session ends and may ask for more time. */
    timeoutWarningSeconds: z.number().int().min(10).max(120).default(20),
    goodbyeSeconds: z.number().int().min(3).max(60).default(10),
    pinPadLayout: z.enum(['fixed', 'randomised']).default('fixed'),
  })
  .refine((s) => s.timeoutWarningSeconds < s.idleTimeoutSeconds, {
    message: 'un aviso más corto que idleTimeoutSeconds',
    path: ['timeoutWarningSeconds'],
  });

export const accessibilitySchema = z.strictObject({
  highContrast: z.boolean().default(false),
  largeText: z.boolean().default(false),
  speech: z
    .strictObject({
      enabled: z.boolean().default(true),
      rate: z.number().min(0.5).max(2).default(1),
      volumePercent: z.number().int().min(0).max(100).default(70),
    })
    .prefault({}),
});

export const technicianSchema = z.strictObject({
  /** scrypt hash of the service-mode access code, in a file (never the code itself). */
  accessCodeHashFile: filePath.optional(),
  /** Serial numbers of technician cards that open the service mode. */
  cardSerials: z.array(z.string().regex(/^[0-9A-Fa-f]{2,64}$/, 'un número de serie hexadecimal')).default([]),
  sessionTimeoutMinutes: z.number().int().min(1).max(240).default(30),
});

export const simulatorsSchema = z.strictObject({
  dnie: z.boolean().default(false),
  paymentTerminal: z.boolean().default(false),
  printer: z.boolean().default(false),
  scanner: z.boolean().default(false),
});

export const kioskConfigSchema = z.strictObject({
  kioskId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'de 3 a 32 mayúsculas, cifras o guiones'),
  /** Shown on the first screen and printed on documents. */
  name: text,
  location: text.optional(),
  municipality: municipalitySchema,
  languages: z
    .strictObject({
      default: z.enum(LANGUAGES),
      available: z.array(z.enum(LANGUAGES)).min(1),
    })
    .refine((l) => l.available.includes(l.default), {
      message: 'uno de los idiomas de available',
      path: ['default'],
    }),
  devices: z.strictObject({
    cardReader: cardReaderSchema,
    paymentTerminal: paymentTerminalSchema,
    printer: printerSchema,
    scanner: scannerSchema,
  }),
  /** Simulated devices `start` launches at the addresses the devices above point to. */
  simulators: simulatorsSchema.prefault({}),
  central: centralSchema,
  offline: offlineSchema,
  screen: screenSchema.prefault({}),
  accessibility: accessibilitySchema.prefault({}),
  technician: technicianSchema.prefault({}),
  /** Browser mode: where the kiosk's screen is served. Loopback only: the screen is never on the network. */
  browserMode: z
    .strictObject({ host: loopbackHost.default('127.0.0.1'), port: tcpPort.default(8080) })
    .prefault({}),
  /** Ledger, outbox, audit chain and the technician's control socket live here. */
  dataDir: filePath.default('data'),
  log: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info') })
    .prefault({}),
});

export type KioskConfig = z.infer<typeof kioskConfigSchema>;
/** What a configuration file may contain: fields with defaults may be left out. */
export type KioskConfigInput = z.input<typeof kioskConfigSchema>;
