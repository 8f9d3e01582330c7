/**
 * The DNIe version from the ATR (dnie.md §1), on top of drivers/pcsc's recogniser: the generation decides
 * the MAC length (4 bytes on 1.x/2.0, 8 on 3.0/4.0) and the two-channel PIN flow of 3.0/4.0.
 */
import { classifyAtr } from '../pcsc/index.ts';

export type DnieVersion =
  | {
      readonly kind: 'dnie';
      readonly generation: 'dnie2' | 'dnie3';
      readonly macLength: 4 | 8;
      readonly twoChannels: boolean;
    }
  | { readonly kind: 'burnt' }
  | { readonly kind: 'contactless-hint' }
  | { readonly kind: 'other' };

export function dnieVersion(atr: Uint8Array): DnieVersion {
  const atrKind = classifyAtr(atr);
  if (atrKind.kind === 'other') return { kind: 'other' };
  if (atrKind.kind === 'dnie-contactless-hint') return { kind: 'contactless-hint' };
  if (atrKind.burnt) return { kind: 'burnt' };
  return atrKind.generation === 'dnie3'
    ? { kind: 'dnie', generation: 'dnie3', macLength: 8, twoChannels: true }
    : { kind: 'dnie', generation: 'dnie2', macLength: 4, twoChannels: false };
}

/** Human label for kioskctl and logs. */
export function versionLabel(version: DnieVersion): string {
  switch (version.kind) {
    case 'dnie':
      return version.generation === 'dnie3' ? 'DNIe 3.0/4.0' : 'DNIe 1.x/2.0';
    case 'burnt':
      return 'DNIe inutilizado (fase final)';
    case 'contactless-hint':
      return 'posible DNIe sin contacto (no admitido)';
    case 'other':
      return 'no es un DNIe';
  }
}
