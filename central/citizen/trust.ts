/**
 * The DNIe trust configuration from a folder of certificates (PEM or DER; .pem .crt .cer .der): the
 * self-issued ones (subject = issuer) are the anchors (AC RAIZ DNIE), the others intermediates (the
 * issuing "AC DNIE 00x" CAs) offered to path building; only a path ending in an anchor is accepted.
 * The leaf must carry the DNIe authentication policy (dnie.md §7) and digitalSignature.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CertificateFormatError,
  type CitizenCertificate,
  DNIE_POLICY,
  parseCertificate,
  sameName,
  type TrustConfig,
} from '../../drivers/pki/index.ts';
import { CentralConfigError } from '../service/config-error.ts';

export function trustFromCertificates(certificates: readonly CitizenCertificate[]): TrustConfig {
  const anchors = certificates.filter((c) => sameName(c.subject, c.issuer));
  const intermediates = certificates.filter((c) => !sameName(c.subject, c.issuer));
  return {
    anchors,
    intermediates,
    requiredPolicies: [DNIE_POLICY.authentication],
    requiredKeyUsage: ['digitalSignature'],
  };
}

export function loadTrustAnchors(dir: string): TrustConfig {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.(pem|crt|cer|der)$/i.test(name));
  } catch (error) {
    throw new CentralConfigError(
      'central_config.unreadable',
      `${dir}: ${(error as NodeJS.ErrnoException).code}`,
    );
  }
  const certificates = names.sort().map((name) => {
    const bytes = readFileSync(path.join(dir, name));
    try {
      const text = bytes.toString('latin1');
      return parseCertificate(text.includes('-----BEGIN') ? text : new Uint8Array(bytes));
    } catch (error) {
      if (error instanceof CertificateFormatError)
        throw new CentralConfigError(
          'central_config.invalid',
          `${name}: not a certificate (${error.detail ?? ''})`,
        );
      throw error;
    }
  });
  const trust = trustFromCertificates(certificates);
  if (trust.anchors.length === 0)
    throw new CentralConfigError('central_config.invalid', `${dir}: no self-signed DNIe anchor certificate`);
  return trust;
}
