import type { Delegation } from '../../../../shared/api/meetings.js';
import { firstStrongDirection } from '../../../../shared/format/direction.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * The delegations and their attendees as recorded in the meeting's details: in the details panel,
 * and in the minutes' attendance block (`testId` tells them apart).
 */
export function DelegationsView({ delegations, testId = 'details-view' }: { delegations: Delegation[]; testId?: string }) {
  const { t, dir } = useI18n();
  if (delegations.length === 0) return <p className="empty">{t('details.noDelegations')}</p>;
  return (
    <div className="delegations" data-testid={testId}>
      {delegations.map((delegation, index) => (
        // Each card in the direction of its delegation's name (الكويت right to left, United Kingdom
        // left to right). Not `dir="auto"`: that skips the name, which is in a <bdi>, and every
        // other line has a `dir` of its own, so each card ran left to right.
        <section className="delegation" key={`${index}:${delegation.name}`} dir={firstStrongDirection(delegation.name)} data-testid="delegation">
          <h3 className="delegation-name">
            <bdi dir="auto">{delegation.name}</bdi>
          </h3>
          {delegation.attendees.length === 0 ? (
            // The card runs the way its name does; this sentence the way the interface does.
            <p className="muted">
              <bdi dir={dir}>{t('details.noAttendees')}</bdi>
            </p>
          ) : (
            <ul className="attendee-list" aria-label={t('details.attendeesOf', { name: delegation.name })}>
              {delegation.attendees.map((attendee, i) => (
                <li key={`${i}:${attendee.name}`} data-testid="attendee">
                  <span className="attendee-main">
                    <bdi className="person-name" dir="auto">
                      {attendee.name}
                    </bdi>
                    {attendee.role && (
                      <span className="badge badge-grey">
                        <bdi dir="auto">{attendee.role}</bdi>
                      </span>
                    )}
                  </span>
                  {attendee.title && (
                    <bdi className="attendee-title" dir="auto">
                      {attendee.title}
                    </bdi>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
