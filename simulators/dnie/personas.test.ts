import { X509Certificate } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findByPath } from './card/file-system.ts';
import { ATR_DNIE2, ATR_DNIE3_BURNT, createPersona } from './personas.ts';

describe('personas', () => {
  it('adult: auth certificate in compressed form, chained to the test CA, with the DNIe subject and policy', async () => {
    const persona = await createPersona('adult', { now: new Date('2026-06-01T00:00:00Z') });
    const file = findByPath(persona.card.mf, [0x6081, 0x7004])!.file;
    if (file.kind !== 'ef') throw new Error('7004 is not an EF');
    expect(file.type).toBe(0x24);
    const data = Buffer.from(file.data);
    const der = inflateSync(data.subarray(8));
    expect(data.readUInt32LE(0)).toBe(der.length);
    expect(data.readUInt32LE(4)).toBe(data.length - 8);
    const certificate = new X509Certificate(der);
    const intermediate = new X509Certificate(persona.pki!.intermediate.der);
    expect(certificate.verify(intermediate.publicKey)).toBe(true);
    expect(certificate.subject).toContain('serialNumber=99999002Q');
    expect(certificate.subject).toContain('CN=ESPAÑOL ESPECIMEN\\, MARÍA (AUTENTICACIÓN)');
    // certificatePolicies value: the DER of OID 2.16.724.1.2.2.2.4.
    expect(der.includes(Buffer.from('06086085540102020204', 'hex'))).toBe(true);
  });

  it('variants carry the documented ATRs', async () => {
    expect((await createPersona('adult-dnie2')).card.atr).toEqual(ATR_DNIE2);
    expect((await createPersona('burnt')).card.atr).toEqual(ATR_DNIE3_BURNT);
  });

  it('refuses an unknown persona with DnieSimError', async () => {
    await expect(createPersona('child' as never)).rejects.toMatchObject({ code: 'dnie_sim.setup_invalid' });
  });
});
