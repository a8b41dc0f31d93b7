import { useId, useState } from 'react';
import type { Side } from '../../../../shared/api/groups.js';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { Button } from '../../components/ui.js';
import { Icon } from '../../editor/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatNumber } from '../../lib/format.js';
import { DetailsForm } from './DetailsForm.js';

function DelegationsView({ meeting }: { meeting: MeetingDto }) {
  const { t } = useI18n();
  if (meeting.delegations.length === 0) return <p className="empty">{t('details.noDelegations')}</p>;
  return (
    <div className="delegations" data-testid="details-view">
      {meeting.delegations.map((delegation, index) => (
        // Each card in the direction of its delegation's name (الكويت right to left, United Kingdom left to right).
        <section className="delegation" key={`${index}:${delegation.name}`} dir="auto" data-testid="delegation">
          <h3 className="delegation-name">
            <bdi dir="auto">{delegation.name}</bdi>
          </h3>
          {delegation.attendees.length === 0 ? (
            <p className="muted">{t('details.noAttendees')}</p>
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

/**
 * Delegations and attendees, folded by default under a one-line summary so that the minutes
 * stay near the top of the page. Secretaries edit all the details here (PATCH); every open page
 * shows the change live.
 */
export function DetailsPanel({ meeting, sides, onSaved }: { meeting: MeetingDto; sides: Side[]; onSaved: (meeting: MeetingDto) => void }) {
  const { t, locale } = useI18n();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const canManage = meeting.access === 'manage';
  const isEditing = editing && canManage;
  const attendees = meeting.delegations.reduce((n, d) => n + d.attendees.length, 0);

  return (
    <section className="details-panel" data-testid="details-panel">
      <div className="details-bar">
        {/* A heading (the panel's section; the form's parts are h3 under it) that opens and closes. */}
        <h2 className="details-heading">
          <button
            type="button"
            className="details-toggle"
            aria-expanded={open || isEditing}
            aria-controls={bodyId}
            data-testid="details-toggle"
            onClick={() => {
              if (isEditing) return;
              setOpen((value) => !value);
            }}
          >
            <span className="details-chevron">
              <Icon name="chevron" />
            </span>
            <span className="details-title">{t('details.title')}</span>
            <span className="details-summary" data-testid="details-summary">
              {t('details.summary', { delegations: formatNumber(meeting.delegations.length, locale), attendees: formatNumber(attendees, locale) })}
            </span>
          </button>
        </h2>
        {canManage && !isEditing && (
          <Button
            variant="quiet"
            className="btn-small"
            data-testid="details-edit"
            onClick={() => {
              setOpen(true);
              setEditing(true);
            }}
          >
            {t('details.edit')}
          </Button>
        )}
      </div>
      <div id={bodyId} className="details-body" hidden={!(open || isEditing)}>
        {(open || isEditing) &&
          (isEditing ? (
            <DetailsForm
              meeting={meeting}
              sides={sides}
              onCancel={() => setEditing(false)}
              onSaved={(saved) => {
                onSaved(saved);
                setEditing(false);
              }}
            />
          ) : (
            <DelegationsView meeting={meeting} />
          ))}
      </div>
    </section>
  );
}
