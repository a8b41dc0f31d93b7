import type { CompareBlock } from '../../../../shared/api/versions.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * One paragraph of a comparison. Each paragraph takes its own direction (`dir="auto"`); the
 * changed words are inline `ins`/`del` inside one text flow, so Arabic words are neither broken
 * nor reordered.
 */
function Block({ block }: { block: CompareBlock }) {
  const { t } = useI18n();
  if (block.op === 'equal') {
    return (
      <p className="diff-block diff-equal" dir="auto" data-op="equal">
        {block.after}
      </p>
    );
  }
  if (block.op === 'insert' || block.op === 'delete') {
    const Tag = block.op === 'insert' ? 'ins' : 'del';
    return (
      <p className={`diff-block diff-${block.op}`} dir="auto" data-op={block.op}>
        <span className="visually-hidden">{t(block.op === 'insert' ? 'compare.inserted' : 'compare.deleted')}</span>
        <Tag>{block.op === 'insert' ? block.after : block.before}</Tag>
      </p>
    );
  }
  return (
    <p className="diff-block diff-change" dir="auto" data-op="change">
      {(block.parts ?? []).map((part, i) =>
        part.op === 'insert' ? <ins key={i}>{part.text}</ins> : part.op === 'delete' ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

/** A readable diff: inserted words underlined green, deleted ones struck red. */
export function CompareView({ blocks, showEqual }: { blocks: CompareBlock[]; showEqual: boolean }) {
  const { t } = useI18n();
  const shown = showEqual ? blocks : blocks.filter((b) => b.op !== 'equal');
  if (shown.length === 0) return <p className="empty" data-testid="compare-view">{t('compare.same')}</p>;
  return (
    <div className="compare-view" data-testid="compare-view">
      {shown.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </div>
  );
}
