/**
 * Where central is and which files prove who the kiosk is. Remote: the configuration names them.
 * Embedded (demo): the reference central the host lays out in `<dataDir>/central`
 * (core/host/companion-processes.ts `planEmbeddedCentral`): its kiosk listener on the verification
 * port + 1, the kiosk CA in `pki/ca.pem` (it also signs central's server certificate), and this kiosk's
 * credential written by `admin enrol --out <dataDir>/central/kiosk-credential`.
 */
import path from 'node:path';
import { type LoadedKioskConfig, resolveConfigPath } from '../../kiosk-config/index.ts';

export interface CentralEndpoint {
  /** `https://host:port` of central's kiosk listener. */
  readonly url: string;
  readonly caFile: string;
  readonly certificateFile: string;
  readonly keyFile: string;
  readonly timeoutMs: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const EMBEDDED_TIMEOUT_MS = 10_000;

/** The endpoint, or why there is none (an embedded central whose verification URL is not on loopback). */
export function centralEndpoint(loaded: LoadedKioskConfig, dataDir: string): CentralEndpoint | string {
  const { config } = loaded;
  const central = config.central;
  if (central.mode === 'remote') {
    return {
      url: central.url,
      caFile: resolveConfigPath(loaded, central.caFile),
      certificateFile: resolveConfigPath(loaded, central.clientCertificateFile),
      keyFile: resolveConfigPath(loaded, central.clientKeyFile),
      timeoutMs: central.requestTimeoutSeconds * 1000,
    };
  }
  const verification = new URL(config.municipality.verificationUrl);
  if (!LOOPBACK.has(verification.hostname) || verification.port === '') {
    return `embedded central needs a loopback verification URL with a port, not ${verification.origin}`;
  }
  const dir = path.join(dataDir, 'central');
  const credentials = path.join(dir, 'kiosk-credential');
  return {
    url: `https://127.0.0.1:${Number(verification.port) + 1}`,
    caFile: path.join(dir, 'pki', 'ca.pem'),
    certificateFile: path.join(credentials, `${config.kioskId}.pem`),
    keyFile: path.join(credentials, `${config.kioskId}-key.pem`),
    timeoutMs: EMBEDDED_TIMEOUT_MS,
  };
}
