import type { SearchResultDto } from '../../../../shared/api/search.js';
import { Link } from '../../app/navigation.js';
import { paths } from '../../app/routes.js';
import { Badge } from '../../components/ui.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDate } from '../../lib/time.js';
import { groupByMeeting, snippetParts } from './searchView.js';
import { nameIn } from '../../app/documentTitle.js';

/** A snippet with its matching words marked; text nodes only, never markup from the server. */
function Snippet({ result }: { result: SearchResultDto }) {
  return (
    <span className="search-snippet" dir="auto" data-testid="search-snippet">
      {snippetParts(result.snippet, result.highlights).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}

/** Results grouped by meeting; each opens the meeting at its block. A meeting's date is in its group's digits. */
export function SearchResults({ results }: { results: SearchResultDto[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="search-results" data-testid="search-results">
      {groupByMeeting(results).map((meeting) => (
        <section key={meeting.meetingId} className="search-meeting" data-testid="search-meeting" aria-labelledby={`search-m-${meeting.meetingId}`}>
          <header className="search-meeting-head">
            <h2 id={`search-m-${meeting.meetingId}`}>
              <Link to={paths.meeting(meeting.meetingId)} dir="auto">
                {nameIn(locale, { ar: meeting.meetingTitleAr, en: meeting.meetingTitleEn })}
              </Link>
            </h2>
            <span className="muted">{formatDate(meeting.startsAt, locale, meeting.groupDigits)}</span>
          </header>
          <ul className="search-hits">
            {meeting.results.map((result) => (
              <li key={`${result.kind}:${result.blockIndex ?? 'meeting'}`}>
                <Link
                  to={paths.meeting(result.meetingId, result.blockIndex)}
                  className="search-hit"
                  data-testid="search-result"
                  data-kind={result.kind}
                >
                  <Badge tone={result.kind === 'actionItem' ? 'gold' : result.kind === 'meeting' ? 'green' : 'neutral'}>{t(`search.kind.${result.kind}`)}</Badge>
                  <Snippet result={result} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
