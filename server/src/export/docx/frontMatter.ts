import { PageNumber, TextRun, type FileChild, type Paragraph, type Table } from 'docx';
import type { TypstData } from '../pdf/toTypstData.js';
import { cell, closingParagraph, COLORS, LEADING, paragraph, richParagraph, rule, table } from './layout.js';
import { BODY_SIZE, complexScriptSize, labelRuns, type RunLook } from './runs.js';

/** Sizes relative to the body, as in minutes.typ. */
const em = (factor: number): number => Math.round(BODY_SIZE * factor);

/** Group names, "Minutes of meeting — Session 16", titles and which version this is, centred. */
export function titleBlock(data: TypstData): Paragraph[] {
  // The space below each line is minutes.typ's `below`, a share of the line's own size (half-points
  // × 10 = twips), less the leading its line spacing holds (layout.ts): one fixed 5 pt set the
  // large Naskh group name almost on the line under it.
  const centred = (size: number, below: number) => ({ align: 'center' as const, size, spacing: { after: Math.round(size * 10 * (below - LEADING)) } });
  const groupSize = (i: number) => em(i === 0 ? 1.5 : 1.25);
  return [
    ...data.groupNames.map((name, i) => richParagraph(name, { size: groupSize(i), bold: true }, centred(groupSize(i), 0.5))),
    paragraph(data.dir, labelRuns(data.heading, data.dir, { size: em(1.15) }), centred(em(1.15), 0.5)),
    ...data.titles.map((title) => richParagraph(title, { size: em(1.1), bold: true }, centred(em(1.1), 0.4))),
    paragraph(data.dir, labelRuns(data.versionLine, data.dir, { size: em(0.9), color: data.approval ? COLORS.muted : COLORS.red }), centred(em(0.9), 0.4)),
  ];
}

/** Date, time and place: labels on the document's side, values lined up beside them. */
export function factsTable(data: TypstData): Table {
  return table(
    data.dir,
    [1, 4],
    data.facts.map((f) => ({
      cells: [
        cell([paragraph(data.dir, labelRuns(f.label, data.dir, { bold: true }))]),
        cell([richParagraph(f.value, {}, { align: f.value.dir === data.dir ? 'start' : 'end' })]),
      ],
    })),
    { lines: false },
  );
}

function sectionTitle(data: TypstData, text: string): Paragraph {
  return paragraph(data.dir, labelRuns(text, data.dir, { size: em(1.2), bold: true }), { keepNext: true, size: em(1.2), spacing: { before: 240, after: 120 } });
}

function headerCells(data: TypstData, labels: string[]) {
  return labels.map((l) => cell([paragraph(data.dir, labelRuns(l, data.dir, { bold: true }))], { fill: COLORS.headerFill }));
}

/** Attendance by delegation: a row with the delegation's name, then its attendees. */
export function attendance(data: TypstData, { titled = true } = {}): FileChild[] {
  if (data.attendance.length === 0) return [];
  const { labels: L } = data;
  return [
    // Inside the minutes, their own section heading titles it.
    ...(titled ? [sectionTitle(data, L.attendance)] : []),
    table(data.dir, [2, 3, 2], [
      { header: true, cells: headerCells(data, [L.attendeeName, L.attendeeTitle, L.attendeeRole]) },
      ...data.attendance.flatMap((d) => [
        { cells: [cell([richParagraph(d.name, { bold: true })], { span: 3, fill: COLORS.groupFill })] },
        ...d.attendees.map((a) => ({ cells: [a.name, a.title, a.role].map((t) => cell([richParagraph(t)])) })),
      ]),
    ]),
  ];
}

/** Each side, who approved for it and when, and the approved version's hash. */
export function approvalBlock(data: TypstData): FileChild[] {
  const { approval, labels: L, dir } = data;
  if (!approval) return [];
  return [
    rule(dir, { before: 360, after: 120 }),
    sectionTitle(data, L.approvalTitle),
    table(dir, [2, 2, 1.8], [
      { header: true, cells: headerCells(data, [L.side, L.approver, L.approvedAt]) },
      ...approval.rows.map((r) => ({ cells: [cell([richParagraph(r.side)]), cell([richParagraph(r.approver)]), cell([paragraph(dir, labelRuns(r.at, dir))])] })),
    ]),
    paragraph(dir, labelRuns(`${L.approvedVersion} ${approval.version}    ${L.contentHash} ${approval.hash}`, dir), { spacing: { before: 120 } }),
  ];
}

/** The running title and, on a draft, the "مسودة / DRAFT" mark in a red frame, on every page. */
export function pageHeader(data: TypstData): (Paragraph | Table)[] {
  const look: RunLook = { size: em(0.8), color: COLORS.muted };
  const mark = labelRuns(data.labels.draft, data.dir, { size: em(0.8), bold: true, color: COLORS.red });
  return [
    table(
      data.dir,
      [5, 1],
      [
        {
          cells: [
            cell([richParagraph(data.running, look, { spacing: { after: 0 } })]),
            data.draft ? cell([paragraph(data.dir, mark, { align: 'center', size: look.size, spacing: { after: 0 } })], { frame: COLORS.red }) : cell([]),
          ],
        },
      ],
      { lines: false },
    ),
    closingParagraph(),
  ];
}

/** Export time and content hash, and "صفحة X من Y" / "Page X of Y" from Word's page fields. */
export function pageFooter(data: TypstData): (Paragraph | Table)[] {
  const { dir, labels: L } = data;
  const look: RunLook = { size: em(0.78), color: COLORS.muted };
  const field = (which: (typeof PageNumber)[keyof typeof PageNumber]) =>
    new TextRun({ children: [which], size: look.size, sizeComplexScript: complexScriptSize(look.size ?? BODY_SIZE), color: look.color });
  const pages = [
    ...labelRuns(`${L.page} `, dir, look),
    field(PageNumber.CURRENT),
    ...labelRuns(` ${L.pageOf} `, dir, look),
    field(PageNumber.TOTAL_PAGES),
  ];
  return [
    rule(dir, { before: 0, after: 60 }),
    table(
      dir,
      [3, 1],
      [
        {
          cells: [
            cell([paragraph(dir, labelRuns(`${L.exportedAt} ${data.exportedAt}    ${L.contentHash} ${data.hash}`, dir, look), { size: look.size })]),
            cell([paragraph(dir, pages, { align: 'end', size: look.size })]),
          ],
        },
      ],
      { lines: false },
    ),
    closingParagraph(),
  ];
}

/** The annex of open amendments (an export option, never on an approved record): by side, on a new page. */
export function annexBlock(data: TypstData): FileChild[] {
  const { annex, dir } = data;
  if (!annex) return [];
  const A = annex.labels;
  return [
    paragraph(dir, labelRuns(A.title, dir, { size: em(1.3), bold: true }), { pageBreakBefore: true, keepNext: true, size: em(1.3) }),
    paragraph(dir, labelRuns(A.note, dir, { size: em(0.9), color: COLORS.muted }), { size: em(0.9) }),
    ...annex.sides.flatMap((side) => [
      richParagraph(side.name, { size: em(1.1), bold: true }, { keepNext: true, spacing: { before: 240, after: 120 } }),
      table(dir, [2, 2, 2, 1], [
        { header: true, cells: headerCells(data, [A.quote, A.proposed, A.rationale, A.author]) },
        ...side.rows.map((r) => ({ cells: [r.quote, r.proposed, r.rationale, r.author].map((t) => cell([richParagraph(t)])) })),
      ]),
    ]),
    // The body ends with a paragraph, as Word's own documents do.
    closingParagraph(),
  ];
}
