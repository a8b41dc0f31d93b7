import { afterAll, describe, expect, it } from 'vitest';
import { normalize, pdfInfo, pdfText } from './fixtures/pdfTools.js';
import { actionItem, doc, heading, minutesInput, paragraph } from './fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf } from './index.js';
import { toTypstData } from './toTypstData.js';

afterAll(closePdfWorkers);

/** Typst markup, code and escapes that would act if the minutes were spliced into the source. */
const MARKUP = [
  '#read("/etc/passwd")',
  '#import "x": *',
  '#include "/etc/hostname"',
  '#set page(width: 3cm)',
  '#{ panic("boom") }',
  '*bold* _emph_ `raw`',
  '$x^2$',
  '<label> @ref',
  'back\\slash \\ and \\#escaped',
  'closing ] and } and )',
  '= not a heading',
  '// not a comment',
  '/* not a block comment */',
];

describe('PDF export of minutes containing Typst syntax', () => {
  it('prints the syntax literally and reads no file of the host', async () => {
    const input = minutesInput(
      doc(
        heading(2, '#read("/etc/passwd") heading'),
        ...MARKUP.map((line) => paragraph(line)),
        actionItem('#read("/etc/passwd") task', '#import "x": owner', '#set due', 'open'),
      ),
      {
        language: 'en',
        titleEn: '#read("/etc/passwd") title',
        place: '$place$ <place>',
        delegations: [{ name: '#include "x" delegation', attendees: [{ name: '*name*', title: '#title', role: ']role[' }] }],
      },
    );
    input.group = { nameAr: 'مجموعة', nameEn: '#read("/etc/hostname") group' };
    const pdf = await renderMinutesPdf(input);
    const text = normalize(await pdfText(pdf));

    for (const literal of [
      ...MARKUP,
      '#read("/etc/passwd") heading',
      '#read("/etc/passwd") task',
      '#import "x": owner',
      '#set due',
      '#read("/etc/passwd") title',
      '$place$ <place>',
      '#include "x" delegation',
      '*name*',
      '#title',
      ']role[',
      '#read("/etc/hostname") group',
    ]) {
      expect(text).toContain(normalize(literal));
    }
    expect(text).not.toContain('root:x:0:0');
    // `#set page(width: 3cm)` did not run either.
    expect(await pdfInfo(pdf)).toMatchObject({ width: expect.closeTo(595.28, 1) });
  });

  it('hands the template user text only as JSON string values', () => {
    const line = '#read("/etc/passwd")';
    const data = toTypstData(minutesInput(doc(paragraph(line)), { titleAr: line }));
    const json = JSON.stringify(data);
    expect(JSON.parse(json)).toEqual(data);
    expect(data.blocks).toEqual([{ t: 'par', dir: 'ltr', c: [{ t: 'text', s: line }] }]);
    expect(data.titles).toEqual([{ dir: 'ltr', c: [{ t: 'text', s: line }] }]);
  });
});
