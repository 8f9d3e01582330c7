/**
 * `GET /v1/kiosk-config` (issue 9 item 4): what central says about the kiosk's own municipality, which
 * the sync client downloads beside the paid-recibo list: the municipality's identity and verification
 * URL, its texts, and the Cuaderno 60 emisoras central accepts for it. `version` is the SHA-256 of the
 * canonical JSON of the rest, so a kiosk compares one string to know whether anything changed.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../drivers/common/canonical-json.ts';
import type { Queryable } from '../db/index.ts';
import { CentralServiceError } from './service-error.ts';
import type { MunicipalityTextos } from './textos.ts';

export interface KioskConfiguration {
  readonly municipality: {
    readonly ineCode: string;
    readonly name: string;
    readonly verificationUrl: string;
    readonly hostedBy: string | null;
  };
  readonly textos: MunicipalityTextos;
  readonly emisoras: readonly string[];
  readonly version: string;
}

interface MunicipalityRow {
  ine_code: string;
  name: string;
  verification_url: string;
  hosting_body: string | null;
  aviso_privacidad: string | null;
  pie_volante: string | null;
  oficina_atencion: string | null;
}

/**
 * The emisoras central accepts for a municipality: the ayuntamiento's own (INE code + '0', as
 * core/recibos builds it) and every distinct emisora of its pending recibos, which recibos.ts takes as
 * the municipality's by their first five digits ([VERIFY]: emisoras of other bodies collecting for it
 * would need a table). Sorted, so the version does not move with the order rows come back in.
 */
async function emisorasOf(q: Queryable, ineCode: string): Promise<string[]> {
  const { rows } = await q.query<{ emisora: string }>(
    `SELECT DISTINCT emisora FROM recibos_pendientes WHERE substr(emisora, 1, 5) = $1`,
    [ineCode],
  );
  return [...new Set([`${ineCode}0`, ...rows.map((row) => row.emisora)])].sort();
}

/** The configuration of `ineCode`'s kiosks; the caller has authenticated the kiosk and its municipality. */
export async function kioskConfiguration(q: Queryable, ineCode: string): Promise<KioskConfiguration> {
  const { rows } = await q.query<MunicipalityRow>(
    `SELECT ine_code, name, verification_url, hosting_body, aviso_privacidad, pie_volante, oficina_atencion
       FROM municipalities WHERE ine_code = $1`,
    [ineCode],
  );
  const row = rows[0];
  // The kiosk row references the municipality, so this is a broken database, not a bad request.
  if (row === undefined) throw new CentralServiceError('central.internal', `municipality ${ineCode} missing`);
  const content = {
    municipality: {
      ineCode: row.ine_code,
      name: row.name,
      verificationUrl: row.verification_url,
      hostedBy: row.hosting_body,
    },
    textos: {
      avisoPrivacidad: row.aviso_privacidad,
      pieVolante: row.pie_volante,
      oficinaAtencion: row.oficina_atencion,
    },
    emisoras: await emisorasOf(q, ineCode),
  };
  const version = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return { ...content, version };
}
