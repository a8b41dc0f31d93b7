import { useId, useState } from 'react';
import type { Side } from '../../../../shared/api/groups.js';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { Button } from '../../components/ui.js';
import { Icon } from '../../editor/icons.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { DelegationsView } from './DelegationsView.js';
import { DetailsForm } from './DetailsForm.js';

/**
 * Delegations and attendees, folded by default under a one-line summary so that the minutes
 * stay near the top of the page. Secretaries edit all the details here (PATCH); every open page
 * shows the change live.
 */
export function DetailsPanel({ meeting, sides, onSaved }: { meeting: MeetingDto; sides: Side[]; onSaved: (meeting: MeetingDto) => void }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  // Approved minutes are the record, details included: the server refuses changes until reopened.
  const canManage = meeting.access === 'manage' && meeting.status !== 'approved';
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
              {t('details.summary', { delegations: formatNumber(meeting.delegations.length, locale, digits), attendees: formatNumber(attendees, locale, digits) })}
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
            <DelegationsView delegations={meeting.delegations} />
          ))}
      </div>
    </section>
  );
}
