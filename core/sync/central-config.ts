/**
 * What central tells the kiosk about its municipality (`GET /v1/kiosk-config`): the name, the
 * verification page, the texts printed on a volante, the emisoras central accepts. Checked with zod like
 * every answer of central (the wire is not trusted); an answer that does not fit is never stored, the
 * last good one stays.
 */
import { z } from 'zod';
import { ticketText } from '../citizen-access/wire.ts';

export const centralConfigSchema = z.object({
  municipality: z.object({
    ineCode: z.string().regex(/^\d{5}$/u),
    name: z.string().min(1).max(200),
    verificationUrl: z.url({ protocol: /^https?$/u }).max(500),
    hostedBy: z.string().max(200).nullable(),
  }),
  textos: z.object({
    avisoPrivacidad: ticketText(600).nullable(),
    pieVolante: ticketText(400).nullable(),
    oficinaAtencion: ticketText(200).nullable(),
  }),
  emisoras: z.array(z.string().regex(/^\d{6}$/u)).max(1000),
  /** Central's hash of the rest; the kiosk takes it as an opaque change token. */
  version: z.string().regex(/^[0-9a-f]{64}$/u),
});
export type CentralConfig = z.infer<typeof centralConfigSchema>;

export type CentralConfigParse =
  | { readonly ok: true; readonly config: CentralConfig }
  | { readonly ok: false; readonly detail: string };

/**
 * Parses central's answer. `ineCode`, when given, is the kiosk's own municipality: a configuration for
 * another one is refused (it would print another council's texts). The detail names JSON paths and
 * zod codes, never values.
 */
export function parseCentralConfig(raw: unknown, ineCode?: string): CentralConfigParse {
  const parsed = centralConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(raíz)'}: ${issue.code}`)
      .join('; ');
    return { ok: false, detail };
  }
  if (ineCode !== undefined && parsed.data.municipality.ineCode !== ineCode) {
    return { ok: false, detail: `municipality.ineCode: not this kiosk's municipality (${ineCode})` };
  }
  return { ok: true, config: parsed.data };
}
