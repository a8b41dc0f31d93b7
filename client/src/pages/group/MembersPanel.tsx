import { useState, type ReactNode } from 'react';
import type { UserDto } from '../../../../shared/api/auth.js';
import type { MemberDto, Side } from '../../../../shared/api/groups.js';
import { MEMBER_ROLES, type MemberRole } from '../../../../shared/domain.js';
import { api } from '../../api/endpoints.js';
import { describeError } from '../../components/errors.js';
import { ActionsHeader, Alert, Button, Card, Loading, SelectField, TextField } from '../../components/ui.js';
import { useFormAction, type FormActionOptions } from '../../hooks/useFormAction.js';
import { useResource } from '../../hooks/useResource.js';
import { AccountPicker } from './AccountPicker.js';
import { useI18n } from '../../i18n/i18n.js';
import { useConfirm } from '../../components/confirm.js';
import { EmailAddress } from '../../components/EmailAddress.js';

/**
 * Adding a member: who (`children`, a field `userIdOf` turns into the account's id), then the role.
 * `errors` as in `useFormAction`.
 */
function AddMemberForm({
  groupId,
  onAdded,
  userIdOf,
  errors,
  children,
}: {
  groupId: string;
  onAdded: () => void;
  userIdOf: (data: FormData) => string | Promise<string>;
  errors?: FormActionOptions['errors'];
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { busy, error, onSubmit } = useFormAction(
    async (data, form) => {
      await api.setMember(groupId, await userIdOf(data), { role: String(data.get('role')) as MemberRole });
      form.reset();
      onAdded();
    },
    { errors },
  );

  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="add-member-form">
      {error && <Alert>{error}</Alert>}
      {children}
      <SelectField label={t('members.role')} name="role" defaultValue="delegate" data-testid="add-member-role">
        {MEMBER_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" disabled={busy} data-testid="add-member-submit">
        {t('members.add')}
      </Button>
    </form>
  );
}

/** Admins choose among the accounts that are not members yet. */
function AddAccountForm({ groupId, candidates, onAdded }: { groupId: string; candidates: UserDto[]; onAdded: () => void }) {
  const { t } = useI18n();
  if (candidates.length === 0) return <p className="muted">{t('members.noCandidates')}</p>;
  return (
    <AddMemberForm groupId={groupId} onAdded={onAdded} userIdOf={(data) => String(data.get('userId'))}>
      <AccountPicker candidates={candidates} />
    </AddMemberForm>
  );
}

/** Secretaries do not see the list of accounts: they add a person by their exact email. */
function AddMemberByEmailForm({ groupId, onAdded }: { groupId: string; onAdded: () => void }) {
  const { t } = useI18n();
  return (
    <AddMemberForm
      groupId={groupId}
      onAdded={onAdded}
      userIdOf={async (data) => (await api.lookupUser(String(data.get('email')))).id}
      errors={{ user_not_found: 'members.unknownEmail' }}
    >
      <TextField label={t('field.email')} name="email" type="email" dir="ltr" required autoComplete="off" data-testid="add-member-email" />
    </AddMemberForm>
  );
}

function MemberRow({
  groupId,
  member,
  sides,
  canManage,
  lastSecretary,
  onChanged,
  onError,
}: {
  groupId: string;
  member: MemberDto;
  sides: Side[];
  canManage: boolean;
  /** The group's only secretary: the server refuses removing them or changing their role. */
  lastSecretary: boolean;
  onChanged: () => void;
  onError: (e: unknown) => void;
}) {
  const { t, locale } = useI18n();
  const confirm = useConfirm();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr>
      <td className="cell-person">
        <bdi className="person-name" dir="auto">
          {member.name}
        </bdi>
        <EmailAddress email={member.email} className="person-email" />
      </td>
      <td>
        {canManage ? (
          <select
            aria-label={t('members.roleOf', { name: member.name })}
            value={member.role}
            disabled={busy}
            onChange={(e) => void run(() => api.setMember(groupId, member.userId, { role: e.target.value as MemberRole }))}
          >
            {MEMBER_ROLES.map((role) => (
              <option key={role} value={role} disabled={lastSecretary && role !== 'secretary'}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`role.${member.role}`)
        )}
        {canManage && lastSecretary && (
          <small className="field-hint" data-testid="last-secretary-note">
            {t('members.lastSecretary')}
          </small>
        )}
        {sides.length > 0 && (
          <MemberSide member={member} sides={sides} canManage={canManage} busy={busy} locale={locale} set={(body) => void run(() => api.setMember(groupId, member.userId, { role: member.role, ...body }))} />
        )}
      </td>
      {canManage && (
        <td className="cell-actions">
          <Button
            variant="quiet"
            className="btn-small"
            disabled={busy || lastSecretary}
            title={lastSecretary ? t('members.lastSecretary') : undefined}
            onClick={() =>
              void confirm(t('members.confirmRemove', { name: `\u2068${member.name}\u2069` }), { danger: true }).then((yes) => {
                if (yes) void run(() => api.removeMember(groupId, member.userId));
              })
            }
          >
            {t('members.remove')}
          </Button>
        </td>
      )}
    </tr>
  );
}

/** A member's side and whether they approve the minutes for it. */
function MemberSide({
  member,
  sides,
  canManage,
  busy,
  locale,
  set,
}: {
  member: MemberDto;
  sides: Side[];
  canManage: boolean;
  busy: boolean;
  locale: 'ar' | 'en';
  set: (body: { side?: string | null; approver?: boolean }) => void;
}) {
  const { t } = useI18n();
  const name = (key: string | null) => {
    const side = sides.find((s) => s.key === key);
    return side ? (locale === 'ar' ? side.nameAr : side.nameEn) : t('members.noSide');
  };
  if (!canManage) {
    return (
      <div className="muted">
        {name(member.side)}
        {member.approver && ` · ${t('members.approver')}`}
      </div>
    );
  }
  return (
    <div className="member-side">
      <select aria-label={t('members.sideOf', { name: member.name })} value={member.side ?? ''} disabled={busy} data-testid="member-side" onChange={(e) => set({ side: e.target.value || null, approver: e.target.value ? member.approver : false })}>
        <option value="">{t('members.noSide')}</option>
        {sides.map((side) => (
          <option key={side.key} value={side.key}>
            {name(side.key)}
          </option>
        ))}
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={member.approver} disabled={busy || !member.side} data-testid="member-approver" onChange={(e) => set({ approver: e.target.checked })} />{' '}
        {t('members.approver')}
      </label>
    </div>
  );
}

/** Members of a group, with roles, sides and approvers; admins and the group's secretaries manage them. */
export function MembersPanel({ groupId, canManage, isAdmin, sides }: { groupId: string; canManage: boolean; isAdmin: boolean; sides: Side[] }) {
  const { t } = useI18n();
  const [members, reload] = useResource(() => api.members(groupId), groupId);
  const [users] = useResource(() => (isAdmin ? api.users() : Promise.resolve([])), `${groupId}:${isAdmin}`);
  const [error, setError] = useState<string | null>(null);

  const memberIds = new Set(members.status === 'ready' ? members.data.map((m) => m.userId) : []);
  const candidates = users.status === 'ready' ? users.data.filter((u) => !u.disabled && !memberIds.has(u.id)) : [];

  return (
    <Card title={t('members.title')}>
      {error && <Alert>{error}</Alert>}
      {members.status === 'loading' && <Loading label={t('common.loading')} />}
      {members.status === 'error' && <Alert>{describeError(members.error, t)}</Alert>}
      {members.status === 'ready' &&
        (members.data.length === 0 ? (
          <p className="empty">{t('members.empty')}</p>
        ) : (
          <table className="table table-stack" data-testid="member-table">
            <thead>
              <tr>
                <th scope="col">{t('members.member')}</th>
                <th scope="col">{t('members.role')}</th>
                {canManage && <ActionsHeader label={t('common.actions')} />}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <MemberRow
                  key={member.userId}
                  groupId={groupId}
                  member={member}
                  sides={sides}
                  canManage={canManage}
                  lastSecretary={member.role === 'secretary' && members.data.filter((m) => m.role === 'secretary').length === 1}
                  onChanged={() => {
                    setError(null);
                    reload();
                  }}
                  onError={(e) => setError(describeError(e, t))}
                />
              ))}
            </tbody>
          </table>
        ))}
      {canManage && isAdmin && members.status === 'ready' && users.status === 'ready' && (
        <div className="card-section">
          <h3>{t('members.addTitle')}</h3>
          <AddAccountForm groupId={groupId} candidates={candidates} onAdded={reload} />
        </div>
      )}
      {canManage && !isAdmin && members.status === 'ready' && (
        <div className="card-section">
          <h3>{t('members.addTitle')}</h3>
          <p className="muted">{t('members.byEmail')}</p>
          <AddMemberByEmailForm groupId={groupId} onAdded={reload} />
        </div>
      )}
    </Card>
  );
}
