/** The pages of the app, parsed from `location.pathname`. */
export type Route =
  | { name: 'home' }
  | { name: 'groups' }
  | { name: 'group'; groupId: string }
  | { name: 'meeting'; meetingId: string }
  | { name: 'admin' }
  | { name: 'actionItems' }
  | { name: 'search' }
  | { name: 'login' }
  | { name: 'invite'; token: string }
  | { name: 'notFound' };

function segment(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.length > 0 ? decoded : null;
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return { name: 'home' };
  const [head, arg, ...rest] = parts;
  if (rest.length > 0) return { name: 'notFound' };
  const id = arg === undefined ? null : segment(arg);
  switch (head) {
    case 'groups':
      return id ? { name: 'group', groupId: id } : arg === undefined ? { name: 'groups' } : { name: 'notFound' };
    case 'meetings':
      return id ? { name: 'meeting', meetingId: id } : { name: 'notFound' };
    case 'invite':
      return id ? { name: 'invite', token: id } : { name: 'notFound' };
    case 'admin':
      return arg === undefined ? { name: 'admin' } : { name: 'notFound' };
    case 'action-items':
      return arg === undefined ? { name: 'actionItems' } : { name: 'notFound' };
    case 'login':
      return arg === undefined ? { name: 'login' } : { name: 'notFound' };
    case 'search':
      return arg === undefined ? { name: 'search' } : { name: 'notFound' };
    default:
      return { name: 'notFound' };
  }
}

export const paths = {
  home: () => '/',
  groups: () => '/groups',
  group: (groupId: string) => `/groups/${encodeURIComponent(groupId)}`,
  /** A meeting; with `block`, scrolled to that text block of the minutes and marked. */
  meeting: (meetingId: string, block?: number) => `/meetings/${encodeURIComponent(meetingId)}${block === undefined ? '' : `?block=${block}`}`,
  admin: () => '/admin',
  /** The action-item tracker; `query` as in its URL (filters). */
  actionItems: (query?: URLSearchParams) => (query?.toString() ? `/action-items?${query.toString()}` : '/action-items'),
  login: () => '/login',
  /** Search results; `query` as in its URL (`q` and the filters). */
  search: (query?: URLSearchParams) => (query?.toString() ? `/search?${query.toString()}` : '/search'),
};

/** Where to go after signing in: the page asked for, unless it was the login page itself. */
export function afterLoginPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return paths.home();
  const route = parseRoute(next.split('?')[0]!);
  return route.name === 'login' || route.name === 'notFound' ? paths.home() : next;
}
