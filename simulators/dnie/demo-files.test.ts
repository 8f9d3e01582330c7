/**
 * What the virtual DNIe writes for the demo: the run's CA certificates (public, PEM) and the people behind
 * its cards; one CA issuing every card with distinct serials. drivers/pki parses as the independent checker.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCertificate, sameName } from '../../drivers/pki/index.ts';
import { ANCHOR_FILES, personaRecords, writeAnchors, writePersonas } from './demo-files.ts';
import { createPersona, PERSONAS } from './personas.ts';
import { createDnieCa } from './pki/test-pki.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('demo files of the virtual DNIe', () => {
  it('writes the CA certificates only, and every card of the run chains to them with its own serial', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dnie-anchors-'));
    dirs.push(dir);
    const ca = await createDnieCa();
    await writeAnchors(dir, ca);
    expect((await readdir(dir)).sort()).toEqual([ANCHOR_FILES.intermediate, ANCHOR_FILES.root].sort());
    const [root, intermediate] = await Promise.all(
      [ANCHOR_FILES.root, ANCHOR_FILES.intermediate].map(async (name) => {
        const text = await readFile(path.join(dir, name), 'utf8');
        expect(text).not.toContain('PRIVATE');
        return parseCertificate(text);
      }),
    );
    expect(sameName(root!.subject, root!.issuer)).toBe(true);
    expect(sameName(intermediate!.issuer, root!.subject)).toBe(true);
    const cards = await Promise.all(
      (['adult', 'revoked', 'minor'] as const).map((n) => createPersona(n, { ca })),
    );
    const certificates = cards.map((c) => parseCertificate(c.pki!.authentication.der));
    for (const certificate of certificates)
      expect(sameName(certificate.issuer, intermediate!.subject)).toBe(true);
    expect(new Set(certificates.map((c) => c.serialNumber)).size).toBe(3);
    expect(certificates.map((c) => c.citizen.dniNumber)).toEqual(['99999002Q', '99999002Q', '99999003V']);
  });

  it('lists one record per person with their cards, the minor under 18', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const records = personaRecords(now);
    expect(records.map((r) => [r.dni, r.givenName, r.surnames, r.cards.length])).toEqual([
      ['99999002Q', 'MARÍA', 'ESPAÑOL ESPECIMEN', PERSONAS.length - 2],
      ['99999003V', 'LUCÍA', 'GARCÍA ESPAÑOL', 1],
    ]);
    expect(records[0]!.birthDate).toBe('1980-04-10');
    expect(records[1]!.birthDate).toBe('2010-11-23');
    const dir = await mkdtemp(path.join(tmpdir(), 'dnie-personas-'));
    dirs.push(dir);
    const file = await writePersonas(path.join(dir, 'personas.json'), now);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(records);
  });
});
