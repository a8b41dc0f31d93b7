import type { ActionItemDto } from '../../../../shared/api/actionItems.js';
import { Link } from '../../app/navigation.js';
import { nameIn } from '../../app/documentTitle.js';
import { paths } from '../../app/routes.js';
import { Badge, Card } from '../../components/ui.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { formatDay } from '../../lib/time.js';

function ItemCard({ item }: { item: ActionItemDto }) {
  const { t, locale } = useI18n();
  // The item's due date in its group's digits; the counts above belong to no group.
  const digits = item.groupDigits;
  return (
    <li className={item.overdue ? 'home-item home-item-overdue' : 'home-item'} data-testid="home-item" data-overdue={item.overdue}>
      <bdi dir="auto" className="home-item-task">
        {item.text || '—'}
      </bdi>
      <span className="home-item-meta">
        <span>
          {t('actionItem.owner')}: <bdi dir="auto">{item.owner}</bdi>
        </span>
        <span className="nowrap">
          {t('actionItem.due')}: {item.due ? formatDay(item.due, locale, digits) : t('home.items.noDue')}
        </span>
        {item.overdue && (
          <Badge tone="red" testId="home-item-overdue">
            {t('actionItem.overdue')}
          </Badge>
        )}
        <Badge tone={item.status === 'in_progress' ? 'gold' : 'neutral'}>{t(`actionStatus.${item.status}`)}</Badge>
      </span>
      <Link to={paths.meeting(item.meetingId)} className="home-item-meeting">
        <bdi dir="auto">{nameIn(locale, { ar: item.meetingTitleAr, en: item.meetingTitleEn })}</bdi>
        {' · '}
        <bdi dir="auto">{nameIn(locale, { ar: item.groupNameAr, en: item.groupNameEn })}</bdi>
      </Link>
    </li>
  );
}

/** Open and in-progress items owned by the user or their side: the overdue ones first. */
export function MyActionItems({ items }: { items: ActionItemDto[] }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card
      title={t('home.items.title')}
      className="home-card"
      actions={
        <Link to={paths.actionItems()} className="btn btn-quiet btn-small">
          {t('home.items.all')}
        </Link>
      }
    >
      {items.length === 0 ? (
        <p className="empty">{t('home.items.none')}</p>
      ) : (
        <>
          <p className="muted" data-testid="home-items-summary">
            {overdue > 0 ? t('home.items.summaryOverdue', { n: formatNumber(items.length, locale, digits), overdue: formatNumber(overdue, locale, digits) })
              : t('home.items.summary', { n: formatNumber(items.length, locale, digits) })}
          </p>
          <ul className="home-items" data-testid="home-items">
            {items.map((item) => (
              <ItemCard key={item.id} item={item} />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
