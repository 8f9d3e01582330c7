/** Object identifiers used by this folder. Sources: RFC 5280 §4.2, RFC 6960, RFC 8017 App. C, dnie.md §7. */

export const OID = {
  // Name attributes (X.520 / RFC 5280 App. A).
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',

  // Certificate extensions (RFC 5280 §4.2.1, §4.2.2).
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  anyPolicy: '2.5.29.32.0',

  // Access methods (RFC 5280 §4.2.2.1).
  adOcsp: '1.3.6.1.5.5.7.48.1',
  adCaIssuers: '1.3.6.1.5.5.7.48.2',

  // Extended key usages (RFC 5280 §4.2.1.12).
  kpClientAuth: '1.3.6.1.5.5.7.3.2',
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',

  // OCSP (RFC 6960 §4.2.1, §4.4.1).
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',

  // Algorithms (RFC 8017 App. C, RFC 5758, NIST).
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  rsassaPss: '1.2.840.113549.1.1.10',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  mgf1: '1.2.840.113549.1.1.8',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;

/**
 * DNIe certificate policies (dnie.md §7). The authentication policy may carry a version suffix
 * (a third-party note citing DPC v3.2 §7.1.4), so policies are matched by prefix.
 */
export const DNIE_POLICY = {
  authentication: '2.16.724.1.2.2.2.4',
  signature: '2.16.724.1.2.2.2.3',
} as const;

export type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const HASH_OIDS: Readonly<Record<HashName, string>> = {
  sha1: OID.sha1,
  sha256: OID.sha256,
  sha384: OID.sha384,
  sha512: OID.sha512,
};

export function hashNameOfOid(oid: string): HashName | undefined {
  for (const [name, value] of Object.entries(HASH_OIDS)) {
    if (value === oid) return name as HashName;
  }
  return undefined;
}
