/**
 * The DNIe trust configuration from a folder (`trustAnchorsDir`): every `.pem`, `.crt`, `.cer` or `.der`
 * file in it is a certificate; self-signed ones are anchors (the DNIe roots), the others intermediates
 * (the issuing CAs, which must chain to an anchor). The end-entity certificate must carry the DNIe
 * authentication policy (dnie.md §7).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type CitizenCertificate,
  DNIE_POLICY,
  parseCertificate,
  sameName,
  type TrustConfig,
} from '../../drivers/pki/index.ts';

const CERTIFICATE_FILE = /\.(pem|crt|cer|der)$/i;

export async function loadTrustAnchors(dir: string): Promise<TrustConfig> {
  const names = (await readdir(dir)).filter((name) => CERTIFICATE_FILE.test(name)).sort();
  const anchors: CitizenCertificate[] = [];
  const intermediates: CitizenCertificate[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(dir, name));
    const text = bytes.toString('latin1');
    const certificate = parseCertificate(text.includes('-----BEGIN') ? text : new Uint8Array(bytes));
    (sameName(certificate.subject, certificate.issuer) ? anchors : intermediates).push(certificate);
  }
  return { anchors, intermediates, requiredPolicies: [DNIE_POLICY.authentication] };
}
