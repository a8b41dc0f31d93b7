import type { ElementType } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * A name kept in both languages (groups, meetings): the interface language's version first,
 * the other one under it. Each line is a block in the page's direction (so both line up on the
 * interface's side) holding the text isolated in its own language and direction.
 */
export function Bilingual({ ar, en, as: Tag = 'span', className }: { ar: string; en: string; as?: ElementType; className?: string }) {
  const { locale } = useI18n();
  const arabic = { text: ar, lang: 'ar', dir: 'rtl' as const };
  const english = { text: en, lang: 'en', dir: 'ltr' as const };
  const [first, second] = locale === 'ar' ? [arabic, english] : [english, arabic];
  return (
    <span className={['bilingual', className].filter(Boolean).join(' ')}>
      <Tag className="bilingual-primary">
        <bdi lang={first.lang} dir={first.dir}>
          {first.text}
        </bdi>
      </Tag>
      {second.text && second.text !== first.text && (
        <span className="bilingual-secondary">
          <bdi lang={second.lang} dir={second.dir}>
            {second.text}
          </bdi>
        </span>
      )}
    </span>
  );
}
