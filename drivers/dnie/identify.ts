/**
 * One full identification (issue 4). DNIe 3.0/4.0: read the authentication certificate, open the PIN
 * channel, VERIFY, open the user channel (they sign only on a channel opened after VERIFY, dnie.md
 * §4.1, §5), sign the challenge. DNIe 1.x/2.0: one channel; VERIFY, then the certificate through SM
 * (it needs the PIN), then the signature. Either way the signature is checked on the host with the
 * certificate's key.
 */
import { type CitizenCertificate, verifyChallengeSignature } from '../pki/index.ts';
import { DnieError } from './errors.ts';
import type { DnieSession, PinResult } from './dnie-session.ts';

export type IdentificationResult =
  | {
      readonly status: 'identified';
      readonly certificate: CitizenCertificate;
      readonly challenge: Uint8Array;
      readonly signature: Uint8Array;
    }
  /** `certificate` is undefined on DNIe 1.x/2.0, whose certificates need the PIN first. */
  | {
      readonly status: 'pin-wrong';
      readonly triesLeft: number;
      readonly certificate: CitizenCertificate | undefined;
    }
  | { readonly status: 'pin-blocked'; readonly certificate: CitizenCertificate | undefined };

/** `pin` is wiped before this returns (by verifyPin, or here when VERIFY is never reached). */
export async function identify(
  session: DnieSession,
  pin: Uint8Array,
  challenge: Uint8Array,
): Promise<IdentificationResult> {
  try {
    const twoChannels = session.version.kind === 'dnie' && session.version.twoChannels;
    // DNIe 3.0/4.0: the certificate is free, read it first (fails fast on a wrong card). 1.x/2.0: after VERIFY.
    const early = twoChannels ? await session.readAuthenticationCertificate() : undefined;
    await session.openSecureChannel(twoChannels ? 'pin' : 'user');
    const verdict: PinResult = await session.verifyPin(pin);
    if (verdict.status === 'wrong')
      return { status: 'pin-wrong', triesLeft: verdict.triesLeft, certificate: early };
    if (verdict.status === 'blocked') return { status: 'pin-blocked', certificate: early };
    const certificate = early ?? (await session.readAuthenticationCertificate());
    if (twoChannels) await session.openSecureChannel('user');
    const signature = await session.signChallenge(challenge);
    await session.closeSecureChannel();
    if (!verifyChallengeSignature(certificate, challenge, signature)) {
      throw new DnieError(
        'signature_failed',
        'the card signature does not verify with the authentication certificate',
      );
    }
    return { status: 'identified', certificate, challenge, signature };
  } finally {
    pin.fill(0);
  }
}
