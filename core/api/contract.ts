/**
 * KioskApi: the one contract between the screen (renderer) and the kiosk's core. Every call and event
 * is listed here with its schema; core validates everything it receives against these schemas, because
 * whatever reaches it from the screen is untrusted input. The same contract travels over a WebSocket
 * (browser mode) and over Electron's IPC (kiosk mode): transports move envelopes, never reinterpret them.
 *
 * This file must stay importable from the browser: no Node built-ins, nothing but zod.
 */
import { z } from 'zod';

/** Raised whenever a call, an event or the envelope changes incompatibly. */
export const KIOSK_API_VERSION = 1;
/** Largest message core accepts from the screen; anything bigger gets `too_large`. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export const LANGUAGE_CODES = ['es', 'ca', 'gl', 'eu', 'en'] as const;
export const languageSchema = z.enum(LANGUAGE_CODES);
export type LanguageCode = z.infer<typeof languageSchema>;

// ---------------------------------------------------------------------------------------------------
// Values

export const deviceKindSchema = z.enum(['cardReader', 'paymentTerminal', 'printer', 'scanner', 'central']);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** How usable a device is, for colour and for deciding which services the screen offers. */
export const deviceHealthSchema = z.enum(['ok', 'warning', 'error', 'unknown']);
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

/**
 * The exact state a technician reads. Closed list so every screen language can name each one; a new
 * state is a contract change.
 */
export const deviceStateCodeSchema = z.enum([
  'ready',
  'starting',
  'driver_pending', // no driver for this device in this build yet
  'not_configured',
  'disconnected', // no answer on its channel
  'reader_absent',
  'card_present',
  'paper_near_end',
  'paper_out',
  'cover_open',
  'cutter_error',
  'busy',
  'offline', // central unreachable
  'fault',
]);
export type DeviceStateCode = z.infer<typeof deviceStateCodeSchema>;

export const deviceStateSchema = z.strictObject({
  device: deviceKindSchema,
  health: deviceHealthSchema,
  code: deviceStateCodeSchema,
  /** For the technician: model, port, raw status bytes. Never personal data. */
  detail: z.string().max(500).optional(),
  /** ISO 8601 instant since which the device is in this state. */
  since: z.iso.datetime(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const kioskInfoSchema = z.strictObject({
  apiVersion: z.number().int(),
  softwareVersion: z.string(),
  kioskId: z.string(),
  name: z.string(),
  location: z.string().optional(),
  municipality: z.strictObject({ name: z.string(), hostedBy: z.string().optional() }),
  languages: z.strictObject({ default: languageSchema, available: z.array(languageSchema) }),
  accessibility: z.strictObject({
    highContrast: z.boolean(),
    largeText: z.boolean(),
    speech: z.strictObject({ enabled: z.boolean(), rate: z.number(), volumePercent: z.number() }),
  }),
  screen: z.strictObject({
    idleTimeoutSeconds: z.number().int(),
    timeoutWarningSeconds: z.number().int(),
    goodbyeSeconds: z.number().int(),
    pinPadLayout: z.enum(['fixed', 'randomised']),
  }),
});
export type KioskInfo = z.infer<typeof kioskInfoSchema>;

/** Whether a card is in the DNIe reader, and what kind: never anything read from it. */
export const cardPresenceSchema = z.strictObject({
  present: z.boolean(),
  /** `dnie_unusable`: a DNIe whose chip cannot be used (burnt); `other`: not a DNIe. */
  cardType: z.enum(['dnie', 'dnie_unusable', 'other']).nullable(),
});
export type CardPresence = z.infer<typeof cardPresenceSchema>;

/**
 * Why an identification failed, as a stable Spanish code the screen translates (issue 4 part 6). Never
 * carries anything read from the card.
 */
export const IDENTIFICATION_REASONS = [
  'tarjeta_no_dnie',
  'dnie_inutilizado',
  'tarjeta_retirada',
  'comunicacion_fallida',
  'tarjeta_no_autentica',
  'certificado_caducado',
  'certificado_revocado',
  'emisor_no_reconocido',
  'certificado_no_valido',
  'lector_no_configurado',
  'error_interno',
] as const;
export const identificationReasonSchema = z.enum(IDENTIFICATION_REASONS);
export type IdentificationReason = z.infer<typeof identificationReasonSchema>;

/**
 * Where the citizen's DNIe identification stands. Only what the screen needs: the given name for the
 * greeting, never the DNI number or the surnames.
 */
export const identificationStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('idle') }),
  z.strictObject({ state: z.literal('pin_required') }),
  z.strictObject({ state: z.literal('verifying') }),
  z.strictObject({ state: z.literal('identified'), givenName: z.string().max(200) }),
  z.strictObject({ state: z.literal('pin_wrong'), triesLeft: z.number().int().min(0).max(15) }),
  z.strictObject({ state: z.literal('pin_blocked') }),
  z.strictObject({ state: z.literal('card_error'), reason: identificationReasonSchema }),
  z.strictObject({ state: z.literal('cancelled') }),
]);
export type IdentificationState = z.infer<typeof identificationStateSchema>;

/**
 * The DNIe PIN as the card takes it: 4 to 16 printable ASCII characters (VERIFY sends them as bytes;
 * DNIe PINs are 8–16 letters, digits and symbols, older cards accepted shorter ones). Zod's issue for a
 * bad PIN names only the field, never the value.
 */
export const DNIE_PIN_MIN = 4;
export const DNIE_PIN_MAX = 16;
export const pinSchema = z
  .string()
  .min(DNIE_PIN_MIN)
  .max(DNIE_PIN_MAX)
  .regex(/^[\x21-\x7e]+$/);

const noParams = z.strictObject({});

/**
 * Why a recibo cannot be paid here, as a stable Spanish code the screen translates (issue 7 §1, §3,
 * §4). Every refusal happens before the card is touched.
 */
export const RECIBO_REFUSAL_REASONS = [
  'codigo_no_valido',
  'recibo_no_admitido',
  'datos_no_validos',
  'control_no_coincide',
  'emisora_no_admitida',
  'fuera_de_plazo',
  'importe_cero',
  'ya_pagado',
  'pendiente_de_revision',
  'pago_anterior_pendiente',
  'sin_conexion_importe',
  'sin_conexion_numero_pagos',
  'sin_conexion_lista_pagados',
  'cajero_ocupado',
  'recibo_no_consultado',
] as const;
export const reciboRefusalReasonSchema = z.enum(RECIBO_REFUSAL_REASONS);
export type ReciboRefusalReason = z.infer<typeof reciboRefusalReasonSchema>;

/** A recibo as the citizen sees it before paying; `ticket` names it in `recibo.pay`. */
export const reciboViewSchema = z.strictObject({
  ticket: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  modalidad: z.union([z.literal(1), z.literal(2)]),
  /** Concepto (Anexo II), 3 digits. */
  tributo: z.string().regex(/^\d{3}$/),
  ejercicio: z.number().int(),
  emisora: z.string().regex(/^\d{6}$/),
  /** 10 digits and the 2 control digits, as printed. */
  referencia: z.string().regex(/^\d{12}$/),
  identificacion: z.string().regex(/^\d{7,10}$/),
  importeCents: z.number().int().min(1),
  /** ISO date (YYYY-MM-DD), Modalidad 2 only. */
  fechaLimite: z.iso.date().nullable(),
});
export type ReciboView = z.infer<typeof reciboViewSchema>;

/** The answer to a scanned or typed recibo: what it is, or why it cannot be paid here. */
export const reciboCheckSchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), recibo: reciboViewSchema }),
  z.strictObject({
    ok: z.literal(false),
    reason: reciboRefusalReasonSchema,
    /** The typed field that is wrong, for manual entry. */
    field: z.enum(['emisora', 'referencia', 'identificacion', 'importe']).nullable(),
  }),
]);
export type ReciboCheck = z.infer<typeof reciboCheckSchema>;

const digitsField = (max: number) => z.string().max(max);

export const reciboCheckParamsSchema = z.union([
  /** The whole barcode's digits (scanned elsewhere or typed from under the bars). */
  z.strictObject({ barcode: z.string().min(1).max(80) }),
  /** The fields printed on the recibo (Cuaderno 60 modalidad 1 or 2). */
  z.strictObject({
    emisora: digitsField(20),
    referencia: digitsField(30),
    identificacion: digitsField(30),
    importe: digitsField(20),
  }),
]);

/** How a recibo payment ended, for the screen. */
export const reciboPaymentResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('approved'),
    ticket: z.string(),
    importeCents: z.number().int(),
    /** The justificante's CSV, `XXXX-XXXX-XXXX-XXXX`. */
    csv: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
    justificantePrinted: z.boolean(),
    verificationUrl: z.string(),
  }),
  /** Nothing charged (declined, not started, or reversed at once). `terminalText` is the terminal's own. */
  z.strictObject({
    outcome: z.literal('declined'),
    ticket: z.string(),
    reversed: z.boolean(),
    terminalText: z.string().max(300).nullable(),
  }),
  /** The kiosk cannot tell now: do not pay again; the municipality checks it. */
  z.strictObject({ outcome: z.literal('unknown'), ticket: z.string(), reviewByMunicipality: z.boolean() }),
  z.strictObject({ outcome: z.literal('refused'), ticket: z.string(), reason: reciboRefusalReasonSchema }),
]);
export type ReciboPaymentResult = z.infer<typeof reciboPaymentResultSchema>;

/** What the card terminal shows while it works (its Spanish text and the kind of prompt). */
export const reciboPaymentProgressSchema = z.strictObject({
  ticket: z.string(),
  prompt: z.enum(['present_card', 'enter_pin', 'remove_card', 'wait', 'choose', 'problem', 'info']),
  text: z.string().max(300),
});
export type ReciboPaymentProgress = z.infer<typeof reciboPaymentProgressSchema>;

// ---------------------------------------------------------------------------------------------------
// The citizen's session (issue 9 item 1): core holds it, the screen shows it. Every exit (goodbye, card
// pulled, idle timeout, cancel) wipes it in core first and the screen follows from `session.changed`.

/** What a citizen can do at the kiosk. `recibo` needs no identification; the others a DNIe. */
export const SESSION_SERVICES = ['volante', 'recibo', 'recibos_pendientes'] as const;
export const sessionServiceSchema = z.enum(SESSION_SERVICES);
export type SessionService = z.infer<typeof sessionServiceSchema>;

export const volanteKindSchema = z.enum(['individual', 'colectivo']);
export type VolanteKind = z.infer<typeof volanteKindSchema>;

/**
 * Why a service that needs central cannot go on, as a stable code the screen translates. `sin_conexion`
 * is said before the PIN is asked for (issue 9 item 2).
 */
export const SESSION_FAILURE_REASONS = [
  'sin_conexion', // central unreachable now
  'persona_no_empadronada', // the DNIe's holder is not inscribed in this municipality
  'colectivo_no_permitido', // a minor asked for a volante colectivo
  'certificado_rechazado', // central refused the DNIe certificate (path, revoked, signature)
  'servicio_no_disponible', // central answered 503 (citizen access or seal not configured)
  'tiempo_agotado', // the challenge or the preview expired before the citizen confirmed
  'impresora_no_disponible', // the printer cannot print now (checked before asking central to issue)
  'no_impreso', // central issued the document but the printer did not deliver it (CSV still shown)
  'error_interno',
] as const;
export const sessionFailureReasonSchema = z.enum(SESSION_FAILURE_REASONS);
export type SessionFailureReason = z.infer<typeof sessionFailureReasonSchema>;

/** One person as a volante shows them (the citizen's own document preview: personal data, session only). */
export const volantePersonaViewSchema = z.strictObject({
  nombre: z.string().max(300),
  documento: z.string().max(40).nullable(),
  fechaNacimiento: z.iso.date().nullable(),
  fechaAlta: z.iso.date().nullable(),
});

/** What will be printed, shown before the citizen confirms (issue 9 item 2). */
export const volantePreviewSchema = z.strictObject({
  kind: volanteKindSchema,
  municipio: z.string().max(200),
  domicilio: z.strictObject({ direccion: z.string().max(300), codigoPostal: z.string().max(10) }),
  personas: z.array(volantePersonaViewSchema).max(50),
  /** How long the volante is valid once issued, in months. */
  validezMeses: z.number().int().min(1).max(24),
});
export type VolantePreview = z.infer<typeof volantePreviewSchema>;

/** A pending recibo of the identified citizen (from central), payable with `recibo.pay` by its ticket. */
export const pendingReciboSchema = z.strictObject({
  recibo: reciboViewSchema,
  /** The municipality's name of the tax or fee ("IBI Urbana 2026"), when central has one. */
  concepto: z.string().max(200).nullable(),
  /** Already reported paid by a kiosk (shown, not payable). */
  paid: z.boolean(),
  /** Why this kiosk cannot take it (out of plazo, emisora not collected here…): shown, not payable. */
  refusal: reciboRefusalReasonSchema.optional(),
});
export type PendingRecibo = z.infer<typeof pendingReciboSchema>;

export const sessionStateSchema = z.discriminatedUnion('step', [
  /** Nobody is being served: the first screen asks for the language. */
  z.strictObject({ step: z.literal('idle') }),
  z.strictObject({ step: z.literal('service'), language: languageSchema }),
  z.strictObject({ step: z.literal('volante_kind'), language: languageSchema }),
  /** DNIe and PIN (details in `identification.changed`). */
  z.strictObject({
    step: z.literal('identification'),
    language: languageSchema,
    service: sessionServiceSchema,
    kind: volanteKindSchema.nullable(),
  }),
  /** Core is talking to central or the printer; nothing to do but wait. */
  z.strictObject({
    step: z.literal('working'),
    language: languageSchema,
    service: sessionServiceSchema,
    what: z.enum(['consulting', 'issuing', 'printing']),
  }),
  z.strictObject({
    step: z.literal('volante_preview'),
    language: languageSchema,
    preview: volantePreviewSchema,
  }),
  z.strictObject({
    step: z.literal('volante_done'),
    language: languageSchema,
    kind: volanteKindSchema,
    csv: z.string().max(64),
    verificationUrl: z.string().max(500),
    validUntil: z.iso.date(),
    printed: z.boolean(),
  }),
  z.strictObject({
    step: z.literal('recibo'),
    language: languageSchema,
  }),
  z.strictObject({
    step: z.literal('pending_recibos'),
    language: languageSchema,
    recibos: z.array(pendingReciboSchema).max(200),
  }),
  z.strictObject({
    step: z.literal('failed'),
    language: languageSchema,
    service: sessionServiceSchema,
    reason: sessionFailureReasonSchema,
    /** Where the municipality helps in person (its text from central), when it gave one. */
    oficinaAtencion: z.string().max(200).optional(),
  }),
  /** The session is over: the screen says goodbye (and to take the DNIe), then core wipes to idle. */
  z.strictObject({ step: z.literal('goodbye'), language: languageSchema, takeCard: z.boolean() }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;
export type SessionStep = SessionState['step'];

// ---------------------------------------------------------------------------------------------------
// Calls: screen → core, each answered once.

export const kioskCalls = {
  /** First call of every connection: the screen says which contract it speaks, core who it is. */
  'kiosk.hello': {
    params: z.strictObject({ apiVersion: z.number().int().min(0).max(1_000_000) }),
    result: kioskInfoSchema,
  },
  'devices.list': {
    params: noParams,
    result: z.strictObject({ devices: z.array(deviceStateSchema) }),
  },
  'card.get': {
    params: noParams,
    result: cardPresenceSchema,
  },
  /** Where the identification stands (after a reconnect the screen asks instead of guessing). */
  'identification.get': {
    params: noParams,
    result: identificationStateSchema,
  },
  /** The PIN travels only here; core answers with the state the attempt led to. */
  'identification.submitPin': {
    params: z.strictObject({ pin: pinSchema }),
    result: identificationStateSchema,
  },
  /** The citizen gives up: identity forgotten, the screen asks to take the card out. */
  'identification.cancel': {
    params: noParams,
    result: identificationStateSchema,
  },
  /** A scanned or typed recibo: shown to the citizen, or refused with the reason (card untouched). */
  'recibo.check': {
    params: reciboCheckParamsSchema,
    result: reciboCheckSchema,
  },
  /** Pays the recibo `recibo.check` answered with this ticket; a repeated call gets the same payment. */
  'recibo.pay': {
    params: z.strictObject({ ticket: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
    result: reciboPaymentResultSchema,
  },
  /** Where the citizen's session stands (after a reconnect the screen asks instead of guessing). */
  'session.get': { params: noParams, result: sessionStateSchema },
  /** The first screen: the citizen picks a language; the session starts. */
  'session.start': { params: z.strictObject({ language: languageSchema }), result: sessionStateSchema },
  /** Changes the language without leaving the current step. */
  'session.setLanguage': { params: z.strictObject({ language: languageSchema }), result: sessionStateSchema },
  'session.chooseService': {
    params: z.strictObject({ service: sessionServiceSchema }),
    result: sessionStateSchema,
  },
  'session.chooseVolanteKind': {
    params: z.strictObject({ kind: volanteKindSchema }),
    result: sessionStateSchema,
  },
  /** The citizen confirms the preview: central issues the volante and the kiosk prints it. */
  'session.confirmVolante': { params: noParams, result: sessionStateSchema },
  /** One step back (service choice from any service screen); ignored where there is no back. */
  'session.back': { params: noParams, result: sessionStateSchema },
  /**
   * The citizen is done, gives up or walked away (`timeout` from the screen's idle timer): goodbye,
   * then everything of theirs wiped.
   */
  'session.end': {
    params: z.strictObject({ reason: z.enum(['done', 'cancelled', 'timeout']) }),
    result: sessionStateSchema,
  },
} as const;

// ---------------------------------------------------------------------------------------------------
// Events: core → screen, pushed when something changes.

export const kioskEvents = {
  'devices.changed': z.strictObject({ devices: z.array(deviceStateSchema) }),
  'card.changed': cardPresenceSchema,
  'identification.changed': identificationStateSchema,
  /** A recibo read by the scanner, checked as `recibo.check` would. */
  'recibo.scanned': reciboCheckSchema,
  'recibo.progress': reciboPaymentProgressSchema,
  'session.changed': sessionStateSchema,
} as const;

export type KioskCallName = keyof typeof kioskCalls;
export type KioskCallParams<N extends KioskCallName> = z.input<(typeof kioskCalls)[N]['params']>;
export type KioskCallResult<N extends KioskCallName> = z.output<(typeof kioskCalls)[N]['result']>;
export type KioskEventName = keyof typeof kioskEvents;
export type KioskEventData<E extends KioskEventName> = z.output<(typeof kioskEvents)[E]>;

/** What the screen holds: one object, whatever the transport under it. */
export interface KioskApi {
  call<N extends KioskCallName>(method: N, params: KioskCallParams<N>): Promise<KioskCallResult<N>>;
  /** Returns the function that removes the listener. */
  on<E extends KioskEventName>(event: E, listener: (data: KioskEventData<E>) => void): () => void;
}

// ---------------------------------------------------------------------------------------------------
// Envelopes on the wire.

export const apiErrorCodeSchema = z.enum([
  'malformed', // not JSON, or not an envelope
  'too_large',
  'version_mismatch',
  'unknown_method',
  'invalid_params',
  'internal', // core failed; the screen should offer to start again
  'unavailable', // transport closed or timed out (raised by clients, never sent by core)
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.strictObject({
  code: apiErrorCodeSchema,
  /** For logs and technicians; the screen shows its own translated text by `code`. */
  message: z.string().max(500),
  /** Dotted paths of the params that failed validation, when code is invalid_params. */
  fields: z.array(z.string().max(200)).max(50).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

const callId = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const callEnvelopeSchema = z.strictObject({
  v: z.number().int(),
  type: z.literal('call'),
  id: callId,
  method: z.string().min(1).max(64),
  params: z.unknown(),
});
export type CallEnvelope = z.infer<typeof callEnvelopeSchema>;

export const serverEnvelopeSchema = z.discriminatedUnion('type', [
  z.strictObject({ v: z.number().int(), type: z.literal('result'), id: callId, result: z.unknown() }),
  z.strictObject({
    v: z.number().int(),
    type: z.literal('error'),
    id: callId.nullable(),
    error: apiErrorSchema,
  }),
  z.strictObject({ v: z.number().int(), type: z.literal('event'), event: z.string(), data: z.unknown() }),
]);
export type ServerEnvelope = z.infer<typeof serverEnvelopeSchema>;

/**
 * How long a screen waits for core's answer before giving up with `unavailable`. Most calls answer at
 * once; a card payment waits for the citizen at the terminal (card, PIN) and an identification for the
 * DNIe's secure channel, so theirs are long enough never to cut a call core is still working on.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;
const LONG_CALL_TIMEOUTS_MS: Partial<Record<KioskCallName, number>> = {
  'recibo.pay': 10 * 60_000,
  'identification.submitPin': 2 * 60_000,
  'session.confirmVolante': 2 * 60_000,
};

export function callTimeoutMs(method: KioskCallName, base = DEFAULT_CALL_TIMEOUT_MS): number {
  return Math.max(base, LONG_CALL_TIMEOUTS_MS[method] ?? 0);
}

export function isKioskCallName(name: string): name is KioskCallName {
  return Object.hasOwn(kioskCalls, name);
}

/** The error a client raises for an error envelope or a failed transport. */
export class KioskApiError extends Error {
  readonly code: ApiErrorCode;
  readonly fields: readonly string[] | undefined;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'KioskApiError';
    this.code = error.code;
    this.fields = error.fields;
  }
}
