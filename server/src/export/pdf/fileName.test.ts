import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './contentHash.js';
import { doc, minutesInput, paragraph } from './fixtures/sampleMinutes.js';
import { pdfFileName } from './index.js';

describe('PDF file name', () => {
  it('is <group>-<session>-<date>.pdf in the meeting language', () => {
    expect(pdfFileName(minutesInput(doc(), { language: 'en' }))).toBe('Defence-WG-16-2026-11-25.pdf');
    expect(pdfFileName(minutesInput(doc(), { language: 'ar' }))).toBe('مجموعة-العمل-في-مجال-الدفاع-16-2026-11-25.pdf');
  });

  it('names the version a stored version or approved minutes are', () => {
    expect(pdfFileName(minutesInput(doc(), { language: 'en' }), 3)).toBe('Defence-WG-16-2026-11-25-v3.pdf');
  });

  it('dates in the meeting time zone and leaves out a missing session number', () => {
    const input = minutesInput(doc(), { language: 'en', startsAt: '2026-11-25T22:30:00.000Z', sessionNumber: null });
    expect(pdfFileName(input)).toBe('Defence-WG-2026-11-26.pdf');
  });

  it('replaces characters unsafe in file names and headers', () => {
    const input = minutesInput(doc(), { language: 'en' });
    input.group = { nameAr: '', nameEn: ' ../a/b\\c:"d"*?<e>|\r\nf\u202E;g ' };
    expect(pdfFileName(input)).toBe('a-b-c-d-e-f-g-16-2026-11-25.pdf');
    input.group = { nameAr: '', nameEn: '***' };
    expect(pdfFileName(input)).toBe('minutes-16-2026-11-25.pdf');
  });

  it('shortens a long name at a word, never inside one', () => {
    const input = minutesInput(doc(), { language: 'ar' });
    input.group = { nameAr: 'مجموعة العمل المعنية بالأمن وأمن الطيران والأمن السيبراني والتعاون في مجال الاستخبارات', nameEn: '' };
    const name = pdfFileName(input);
    expect(name).toBe('مجموعة-العمل-المعنية-بالأمن-وأمن-الطيران-والأمن-السيبراني-والتعاون-في-مجال-16-2026-11-25.pdf');
    expect([...name.split('-16-')[0]!].length).toBeLessThanOrEqual(80);
    // One word longer than the limit is cut, there being no word to end at.
    input.group = { nameAr: 'ا'.repeat(100), nameEn: '' };
    expect(pdfFileName(input)).toBe(`${'ا'.repeat(80)}-16-2026-11-25.pdf`);
  });
});

describe('content hash', () => {
  it('is 12 hex digits that depend on the content, not on key order', () => {
    const a = { type: 'doc', content: [paragraph('نص')] };
    const b = { content: [{ content: [{ text: 'نص', type: 'text' }], attrs: { dir: 'auto' }, type: 'paragraph' }], type: 'doc' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(doc(paragraph('نص آخر')))).not.toBe(contentHash(a));
  });
});
