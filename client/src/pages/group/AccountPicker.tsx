import { useMemo, useState } from 'react';
import type { UserDto } from '../../../../shared/api/auth.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { PEOPLE_PAGE, pageOfPeople } from '../../lib/peopleFilter.js';
import { inputDir } from '../../lib/inputDir.js';
import { EmailAddress } from '../../components/EmailAddress.js';

/** Beyond this many accounts a search field narrows the list. */
const SEARCH_FROM = 6;

/**
 * The accounts an admin may add to a group, one per line with the whole email address (a
 * `<select>` cut long addresses off, and two people of the same name were then told apart by
 * nothing): radio buttons named `userId`, in a list that scrolls, searchable when long, at most
 * a page of them drawn (the search narrows the rest).
 */
export function AccountPicker({ candidates }: { candidates: UserDto[] }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const [query, setQuery] = useState('');
  // Newest first, as on the admin page: the account just created is the one to add.
  const newestFirst = useMemo(() => [...candidates].reverse(), [candidates]);
  const { shown, matched } = pageOfPeople(newestFirst, query, PEOPLE_PAGE);
  return (
    <fieldset className="account-picker" data-testid="add-member-user">
      <legend>{t('members.user')}</legend>
      {candidates.length > SEARCH_FROM && (
        <input type="search" className="account-search" aria-label={t('members.filter')} placeholder={t('members.filter')} value={query} dir={inputDir(query)} onChange={(e) => setQuery(e.target.value)} />
      )}
      <ul className="account-options">
        {shown.map((user) => (
          <li key={user.id}>
            <label className="account-option">
              <input type="radio" name="userId" value={user.id} required />
              <span className="account-text">
                <bdi dir="auto" className="account-name">
                  {user.name}
                </bdi>
                <EmailAddress email={user.email} className="account-email" />
              </span>
            </label>
          </li>
        ))}
      </ul>
      {matched === 0 && <p className="muted">{t('members.noMatch')}</p>}
      {matched > shown.length && (
        <p className="muted" role="status">
          {t('members.more', { n: formatNumber(matched - shown.length, locale, digits) })}
        </p>
      )}
    </fieldset>
  );
}
