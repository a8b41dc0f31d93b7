import type { MeetingLanguage } from '../../../../shared/domain.js';
import { richText, type RichText } from './docToBlocks.js';
import { labelLanguage } from './labels.js';
import type { Direction } from './textDirection.js';

/** An open amendment as the annex prints it (plain data: it crosses to the renderer process). */
export interface AnnexAmendment {
  /** The side's name in the meeting's language(s), or null for a member without a side. */
  side: string | null;
  author: string;
  quote: string;
  proposed: string;
  rationale: string;
}

export interface AnnexData {
  labels: AnnexLabels;
  sides: { name: RichText; rows: { author: RichText; quote: RichText; proposed: RichText; rationale: RichText }[] }[];
}

interface AnnexLabels {
  title: string;
  note: string;
  quote: string;
  proposed: string;
  rationale: string;
  author: string;
  noSide: string;
  insertion: string;
  deletion: string;
}

const LABELS: Record<'ar' | 'en', AnnexLabels> = {
  ar: {
    title: 'ملحق: التعديلات المقترحة المفتوحة',
    note: 'تعديلات اقترحتها الوفود ولم تبتّ فيها الأمانة بعد؛ ليست جزءًا من نص المحضر.',
    quote: 'النص الحالي',
    proposed: 'الصيغة المقترحة',
    rationale: 'المبررات',
    author: 'مقدّم الاقتراح',
    noSide: 'الأمانة وأعضاء بلا جانب',
    insertion: '(إضافة)',
    deletion: '(حذف)',
  },
  en: {
    title: 'Annex: open amendments',
    note: 'Wording proposed by the delegations and not yet decided by the secretariat; not part of the text of the minutes.',
    quote: 'Current text',
    proposed: 'Proposed wording',
    rationale: 'Rationale',
    author: 'Proposed by',
    noSide: 'Secretariat and members without a side',
    insertion: '(insertion)',
    deletion: '(deletion)',
  },
};

/**
 * The annex of open amendments, grouped by side in the order given (the group's sides, then
 * those without one); null when there is nothing to list.
 */
export function annexData(amendments: AnnexAmendment[] | undefined, language: MeetingLanguage, dir: Direction): AnnexData | null {
  if (!amendments || amendments.length === 0) return null;
  const labels = LABELS[labelLanguage(language)];
  const bySide = new Map<string | null, AnnexAmendment[]>();
  for (const a of amendments) bySide.set(a.side, [...(bySide.get(a.side) ?? []), a]);
  const text = (value: string, empty: string) => richText(value.trim() ? value : empty, dir);
  return {
    labels,
    sides: [...bySide].map(([side, rows]) => ({
      name: richText(side ?? labels.noSide, dir),
      rows: rows.map((a) => ({
        author: richText(a.author, dir),
        quote: text(a.quote, labels.insertion),
        proposed: text(a.proposed, labels.deletion),
        rationale: text(a.rationale, '—'),
      })),
    })),
  };
}
