import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCvc, verifyCvc } from './cvc.ts';

const issuer = generateKeyPairSync('rsa', { modulusLength: 1024 });
const holder = generateKeyPairSync('rsa', { modulusLength: 1024 });
const car = Uint8Array.from(Buffer.from('65735344494FF001', 'hex'));
const chr = Uint8Array.from(Buffer.from('00000000657353444962FF18', 'hex'));
const cha = new Uint8Array(7);

describe('test CVCs (7F21 with ISO 9796-2 message recovery)', () => {
  const cvc = buildCvc({ car, chr, cha, publicKey: holder.publicKey }, issuer.privateKey);

  it('is 7F21 { 5F37 81 80 …, 5F38 …, 42 08 CAR } and verifies back to its holder key', () => {
    expect(Buffer.from(cvc.subarray(0, 2)).toString('hex')).toBe('7f21');
    expect(Buffer.from(cvc).toString('hex')).toContain('5f378180');
    expect(Buffer.from(cvc.subarray(-10)).toString('hex')).toBe(`4208${Buffer.from(car).toString('hex')}`);
    const checked = verifyCvc(cvc, issuer.publicKey);
    expect(checked?.car).toEqual(car);
    expect(checked?.chr).toEqual(chr);
    expect(checked?.publicKey.export({ format: 'jwk' }).n).toBe(holder.publicKey.export({ format: 'jwk' }).n);
  });

  it('refuses another issuer key, a flipped bit anywhere, and truncation', () => {
    expect(verifyCvc(cvc, holder.publicKey)).toBeUndefined();
    for (const at of [10, 80, 140, 150, cvc.length - 1]) {
      const bad = cvc.slice();
      bad[at]! ^= 0x01;
      expect(verifyCvc(bad, issuer.publicKey)).toBeUndefined();
    }
    expect(verifyCvc(cvc.subarray(0, cvc.length - 3), issuer.publicKey)).toBeUndefined();
    expect(verifyCvc(new Uint8Array(0), issuer.publicKey)).toBeUndefined();
  });
});
