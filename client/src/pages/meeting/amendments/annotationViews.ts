import type { Side } from '../../../../../shared/api/groups.js';
import type { AnnotationView } from '../../../editor/annotations/bridge.js';
import { threads, type Annotations } from './annotationsState.js';
import type { AmendmentDto } from './types.js';

/** A side's colour (its place among the group's sides) and name; without a side, the author's name. */
export function sideOf(amendment: AmendmentDto, sides: readonly Side[], locale: 'ar' | 'en'): { tone: number; name: string } {
  const index = sides.findIndex((s) => s.key === amendment.side);
  const side = sides[index];
  if (!side) return { tone: -1, name: amendment.author.name };
  return { tone: index % 4, name: locale === 'ar' ? side.nameAr : side.nameEn };
}

/** What the editor draws (open amendments on their words, the ranges of unresolved threads) and places (all, for the margin). */
export function annotationViews(annotations: Annotations, sides: readonly Side[], locale: 'ar' | 'en'): AnnotationView[] {
  const views: AnnotationView[] = [];
  for (const a of annotations.amendments) {
    const { tone, name } = sideOf(a, sides, locale);
    views.push({ id: a.id, kind: a.status === 'open' ? 'amendment' : 'hidden', anchor: a.anchor, tone, label: name, proposed: a.proposed });
  }
  for (const { root } of threads(annotations.comments)) {
    views.push({ id: root.id, kind: root.resolved ? 'hidden' : 'comment', anchor: root.anchor ?? { start: '', end: '' }, tone: -1, label: '', proposed: '' });
  }
  return views.filter((v) => v.anchor.start);
}
