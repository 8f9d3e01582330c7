/**
 * Central's answers on the citizen routes (central/README.md "Citizen access and volantes"), as zod
 * schemas. Central is trusted but the wire is not: every answer is parsed before anything uses it, and
 * one that does not fit is `error_interno` for the citizen, never a crash. Unknown fields are dropped
 * (a newer central may add some); lengths are bounded so a broken answer cannot fill memory.
 */
import { z } from 'zod';

/** The services central makes challenges for. */
export const CITIZEN_SERVICES = ['volante.individual', 'volante.colectivo', 'recibos.pendientes'] as const;
export type CitizenService = (typeof CITIZEN_SERVICES)[number];

const id = z.string().regex(/^[0-9a-f]{32}$/);
const base64 = z
  .string()
  .max(1_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);
const isoDate = z.iso.date();
const text = (max: number) => z.string().max(max);
/** Printed in the QR and shown on screen: a web page, nothing else (the demo's central is http on loopback). */
const webUrl = z.url({ protocol: /^https?$/ }).max(500);

/** C0 and C1 control characters but the line break: on the printer's wire they are commands, not text. */
function controlFree(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
}

/**
 * A municipality's text as printed on the ticket (avisoPrivacidad, pieVolante, oficinaAtencion): plain
 * text, at most `max` characters counted as central counts them (code points, not UTF-16 units), and no
 * control character, since one sent through to ESC/POS would drive the printer.
 */
export const ticketText = (max: number) =>
  z
    .string()
    .max(max * 2)
    .refine((value) => [...value].length <= max, { message: `more than ${max} characters` })
    .refine(controlFree, { message: 'control characters' });

/**
 * The municipality's texts central sealed into a volante (and shows in its preview). Absent from
 * documents of a central older than the texts: the kiosk then prints its own notice.
 */
export const volanteTextosSchema = z.object({
  avisoPrivacidad: ticketText(600),
  pieVolante: ticketText(400).nullable(),
});
export type VolanteTextos = z.infer<typeof volanteTextosSchema>;

export const challengeAnswerSchema = z.object({
  challengeId: id,
  challenge: base64.max(64),
  service: z.enum(CITIZEN_SERVICES),
  expiresAt: z.iso.datetime({ offset: true }),
});

/** One inscribed person as central sends them (document and preview alike). */
export const personaWireSchema = z.object({
  nombre: text(200),
  apellido1: text(200),
  apellido2: text(200).nullable(),
  documento: text(40).nullable(),
  fechaNacimiento: isoDate,
  lugarNacimiento: text(200).nullable(),
  nacionalidad: text(100),
  fechaAlta: isoDate,
  motivoAlta: text(200),
});
export type PersonaWire = z.infer<typeof personaWireSchema>;

const municipioSchema = z.object({ codigoIne: z.string().regex(/^\d{5}$/), nombre: text(200) });
const domicilioSchema = z.object({
  hoja: z.number().int().min(0),
  direccion: text(300),
  codigoPostal: text(10),
});
const volanteKind = z.enum(['individual', 'colectivo']);

export const previewAnswerSchema = z.object({
  grantId: id,
  expiresAt: z.iso.datetime({ offset: true }),
  kind: volanteKind,
  preview: z.object({
    municipio: municipioSchema,
    domicilio: domicilioSchema,
    personas: z.array(personaWireSchema).min(1).max(50),
    validezMeses: z.number().int().min(1).max(24),
    textos: volanteTextosSchema.optional(),
  }),
});
export type PreviewAnswer = z.infer<typeof previewAnswerSchema>;

/** The document central sealed; the kiosk prints it. */
export const volanteDocumentSchema = z.object({
  documento: z.literal('volante_empadronamiento'),
  clase: volanteKind,
  csv: text(64),
  municipio: municipioSchema,
  expedidoEn: z.iso.datetime({ offset: true }),
  validoHasta: z.iso.datetime({ offset: true }),
  domicilio: domicilioSchema,
  personas: z.array(personaWireSchema).min(1).max(50),
  urlVerificacion: webUrl,
  textos: volanteTextosSchema.optional(),
});
export type VolanteDocumentWire = z.infer<typeof volanteDocumentSchema>;

export const issueAnswerSchema = z.object({
  csv: z.string().regex(/^[0-9A-Z]{8,64}$/),
  kind: volanteKind,
  issuedAt: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }),
  verificationUrl: webUrl,
  document: volanteDocumentSchema,
  canonical: text(200_000),
  dataHash: z.string().regex(/^[0-9a-f]{64}$/),
  seal: base64,
});
export type IssueAnswer = z.infer<typeof issueAnswerSchema>;

export const centralReciboSchema = z.object({
  emisora: z.string().regex(/^\d{6}$/),
  referencia: z.string().regex(/^\d{10,12}$/),
  identificacion: z.string().regex(/^\d{7,10}$/),
  importeCents: z.number().int().min(0).max(100_000_000_000),
  fechaLimite: isoDate.nullable(),
  modalidad: z.union([z.literal(1), z.literal(2)]),
  tributo: z.string().regex(/^\d{3}$/),
  ejercicio: z.number().int(),
  barcode: z.string().regex(/^\d{20,60}$/),
  concepto: text(200).nullable(),
  paid: z.boolean(),
});
export type CentralRecibo = z.infer<typeof centralReciboSchema>;

export const recibosAnswerSchema = z.object({ recibos: z.array(centralReciboSchema).max(200) });

/** Central's refusals: `{error: {code, message}}`. */
export const errorAnswerSchema = z.object({
  error: z.object({ code: z.string().max(80), message: z.string().max(500).optional() }),
});
