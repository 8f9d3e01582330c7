import { describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../codepage.ts';
import { encodeDocument } from '../encoder.ts';
import { verificationLink } from './common.ts';
import { isSampleDocumentName, SAMPLE_DOCUMENTS, SAMPLE_VERIFICATION, sampleDocument } from './samples.ts';

const issuedAt = new Date('2026-11-23T13:05:00Z');

describe('sample documents', () => {
  it.each(SAMPLE_DOCUMENTS)('%s is fictitious, carries the sample CSV QR and encodes on 58 mm', (name) => {
    const doc = sampleDocument(name, { paperWidthMm: 58, codePage: CODE_PAGES.pc858, issuedAt });
    expect(doc.blocks.find((b) => b.kind === 'qr')).toMatchObject({
      data: verificationLink(SAMPLE_VERIFICATION),
    });
    const text = doc.blocks
      .map((b) => (b.kind === 'text' ? b.text : b.kind === 'keyValue' ? b.value : ''))
      .join('\n');
    expect(text).toContain('Villaejemplo');
    expect(text).toContain('CAJERO-DEMO-01');
    expect(encodeDocument(doc, { paperWidthMm: 58, codePage: CODE_PAGES.pc858 }).length).toBeGreaterThan(300);
  });

  it('recognises exactly the preview names', () => {
    expect(SAMPLE_DOCUMENTS.every(isSampleDocumentName)).toBe(true);
    expect(isSampleDocumentName('volante')).toBe(false);
    expect(isSampleDocumentName('toString')).toBe(false);
  });
});
