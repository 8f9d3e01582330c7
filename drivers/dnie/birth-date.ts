/**
 * The holder's date of birth, when a certificate says it: Subject Directory Attributes (RFC 5280
 * §4.2.1.8) with dateOfBirth (1.3.6.1.5.5.7.9.1, RFC 3739 §3.2.2). The DNIe signing-certificate
 * specimen carries it; the authentication certificate does not (dnie.md §3), so the kiosk reads
 * CertFirmaDigital (6081/7005) to know whether the holder is under 18. Pure; never throws.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const SUBJECT_DIRECTORY_ATTRIBUTES = '2.5.29.9';
const DATE_OF_BIRTH = '1.3.6.1.5.5.7.9.1';

export function birthDateOf(certificateDer: Uint8Array): Date | undefined {
  try {
    const certificate = pkijs.Certificate.fromBER(certificateDer);
    const extension = certificate.extensions?.find((e) => e.extnID === SUBJECT_DIRECTORY_ATTRIBUTES);
    if (extension === undefined) return undefined;
    const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
    if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return undefined;
    for (const attribute of parsed.result.valueBlock.value) {
      if (!(attribute instanceof asn1js.Sequence)) continue;
      const [type, values] = attribute.valueBlock.value;
      if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== DATE_OF_BIRTH)
        continue;
      if (!(values instanceof asn1js.Set)) return undefined;
      const first = values.valueBlock.value[0];
      if (first instanceof asn1js.GeneralizedTime) return first.toDate();
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** Whole years between `birth` and `at` (birthday counted on the day itself, UTC). */
export function ageAt(birth: Date, at: Date): number {
  let years = at.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < birth.getUTCMonth() ||
    (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years--;
  return years;
}
