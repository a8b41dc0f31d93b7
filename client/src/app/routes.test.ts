import { describe, expect, it } from 'vitest';
import { afterLoginPath, parseRoute, paths } from './routes.js';

describe('parseRoute', () => {
  it.each([
    ['/', { name: 'home' }],
    ['/groups', { name: 'groups' }],
    ['/groups/g1', { name: 'group', groupId: 'g1' }],
    ['/groups/g1/', { name: 'group', groupId: 'g1' }],
    ['/meetings/abc-123', { name: 'meeting', meetingId: 'abc-123' }],
    ['/invite/tok%2Fen', { name: 'invite', token: 'tok/en' }],
    ['/admin', { name: 'admin' }],
    ['/action-items', { name: 'actionItems' }],
    ['/action-items/x', { name: 'notFound' }],
    ['/login', { name: 'login' }],
    ['/meetings', { name: 'notFound' }],
    ['/meetings/a/b', { name: 'notFound' }],
    ['/nowhere', { name: 'notFound' }],
    ['/meetings/%E0%A4%A', { name: 'notFound' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('round-trips the paths it builds', () => {
    expect(parseRoute(paths.meeting('a b/c'))).toEqual({ name: 'meeting', meetingId: 'a b/c' });
  });
});

describe('afterLoginPath', () => {
  it('returns to the page that was asked for', () => {
    expect(afterLoginPath('/meetings/m1')).toBe('/meetings/m1');
  });

  it('never leaves the site or loops back to the login page', () => {
    expect(afterLoginPath('//evil.example/x')).toBe('/');
    expect(afterLoginPath('https://evil.example')).toBe('/');
    expect(afterLoginPath('/login')).toBe('/');
    expect(afterLoginPath(null)).toBe('/');
  });
});
