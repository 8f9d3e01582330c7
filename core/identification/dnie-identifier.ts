/**
 * The real `IdentifyCard`: the DNIe in the configured reader through pcscd (drivers/pcsc), the whole
 * identification of drivers/dnie (certificate, secure channel, VERIFY, signature checked on the host),
 * then the certificate path against the configured trust anchors (drivers/pki). Every failure becomes a
 * Spanish reason code for the screen and a technician's detail made of codes only.
 */
import {
  DnieError,
  DnieSession,
  identify,
  loadTerminalConfig,
  type TerminalConfig,
} from '../../drivers/dnie/index.ts';
import { type CardConnection, PcscError, type ReaderMonitor } from '../../drivers/pcsc/index.ts';
import { type PathFailure, type TrustConfig, validateCertificatePath } from '../../drivers/pki/index.ts';
import type { IdentificationReason } from '../api/contract.ts';
import type { Logger } from '../log/logger.ts';
import type { IdentifyCard, IdentifyOutcome } from './identification-service.ts';
import { loadTrustAnchors } from './trust-anchors.ts';

export interface DnieIdentifierOptions {
  readonly monitor: ReaderMonitor;
  /** Absolute path of the CWA-14890 terminal configuration; undefined: the reader cannot identify. */
  readonly terminalConfigFile: string | undefined;
  /** Absolute path of the trust anchors folder; undefined: path validation skipped (with a warning). */
  readonly trustAnchorsDir: string | undefined;
  readonly logger: Logger;
  readonly now: () => Date;
}

export function createDnieIdentifier(options: DnieIdentifierOptions): IdentifyCard {
  const { monitor, logger } = options;
  let terminal: Promise<TerminalConfig> | undefined;
  let trust: Promise<TrustConfig> | undefined;
  let warned = false;

  return async (pin, challenge) => {
    const card = monitor.cards()[0];
    if (card === undefined) return { status: 'card_error', reason: 'tarjeta_retirada', detail: 'no card' };
    if (options.terminalConfigFile === undefined) {
      return { status: 'card_error', reason: 'lector_no_configurado', detail: 'terminalConfigFile not set' };
    }
    let connection: CardConnection | undefined;
    try {
      const terminalFile = options.terminalConfigFile;
      terminal ??= loadTerminalConfig(terminalFile);
      const config = await terminal.catch((error: unknown) => {
        terminal = undefined; // a fixed file is picked up on the next attempt
        throw error;
      });
      connection = await monitor.connect(card.reader);
      const session = new DnieSession(connection, { terminal: config });
      if (session.version.kind !== 'dnie') {
        const reason = session.version.kind === 'burnt' ? 'dnie_inutilizado' : 'tarjeta_no_dnie';
        return { status: 'card_error', reason, detail: `card version ${session.version.kind}` };
      }
      const result = await identify(session, pin, challenge);
      if (result.status === 'pin-wrong') return { status: 'pin_wrong', triesLeft: result.triesLeft };
      if (result.status === 'pin-blocked') return { status: 'pin_blocked' };
      const { certificate } = result;
      if (options.trustAnchorsDir === undefined) {
        if (!warned) logger.warn('trustAnchorsDir not configured: DNIe certificate path NOT validated');
        warned = true;
      } else {
        const anchorsDir = options.trustAnchorsDir;
        trust ??= loadTrustAnchors(anchorsDir);
        const trustConfig = await trust.catch((error: unknown) => {
          trust = undefined;
          throw error;
        });
        const verdict = validateCertificatePath(certificate, trustConfig, { at: options.now() });
        if (!verdict.ok) {
          return {
            status: 'card_error',
            reason: pathReason(verdict.failure),
            detail: `path: ${verdict.failure}`,
          };
        }
      }
      return {
        status: 'identified',
        identity: {
          givenName: certificate.citizen.givenName,
          surnames: certificate.citizen.surnames,
          dniNumber: certificate.citizen.dniNumber,
        },
        // For central, which checks the path and the signature itself (its own trust and OCSP).
        credential: { certificateDer: certificate.der, signature: result.signature },
      };
    } catch (error) {
      return { status: 'card_error', ...errorReason(error) };
    } finally {
      pin.fill(0);
      // Reset: the card forgets the verified PIN as soon as this identification ends.
      await connection?.close('reset').catch(() => undefined);
    }
  };
}

function pathReason(failure: PathFailure): IdentificationReason {
  switch (failure) {
    case 'expired':
      return 'certificado_caducado';
    case 'revoked':
      return 'certificado_revocado';
    case 'unknown_issuer':
    case 'issuer_not_ca':
    case 'path_too_long':
      return 'emisor_no_reconocido';
    default:
      return 'certificado_no_valido';
  }
}

/** Maps a thrown error to a reason; the detail is the error's stable code, never its text. */
export function errorReason(
  error: unknown,
): Omit<Extract<IdentifyOutcome, { status: 'card_error' }>, 'status'> {
  if (error instanceof PcscError) {
    const removed =
      error.failure === 'card_removed' || error.failure === 'no_card' || error.failure === 'card_reset';
    return { reason: removed ? 'tarjeta_retirada' : 'comunicacion_fallida', detail: error.code };
  }
  if (error instanceof DnieError) {
    const reasons: Partial<Record<DnieError['failure'], IdentificationReason>> = {
      not_a_dnie: 'tarjeta_no_dnie',
      unsupported_version: 'tarjeta_no_dnie',
      burnt: 'dnie_inutilizado',
      card_not_genuine: 'tarjeta_no_autentica',
      pin_format: 'error_interno',
    };
    return { reason: reasons[error.failure] ?? 'comunicacion_fallida', detail: error.code };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code === 'dnie.config_invalid')
    return { reason: 'lector_no_configurado', detail: code };
  if (typeof code === 'string' && (code.startsWith('dnie.') || code.startsWith('pcsc.'))) {
    return { reason: 'comunicacion_fallida', detail: code };
  }
  if (typeof code === 'string' && code.startsWith('pki.'))
    return { reason: 'certificado_no_valido', detail: code };
  return { reason: 'error_interno', detail: typeof code === 'string' ? code : 'unknown' };
}
