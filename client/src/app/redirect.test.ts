import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './redirect';

describe('sign-in redirects', () => {
  it('[UA3] the intended page travels in ?next=, home and the auth pages need none', () => {
    expect(loginPath({ pathname: '/series/s1', search: '?tab=bible' })).toBe('/login?next=%2Fseries%2Fs1%3Ftab%3Dbible');
    expect(loginPath({ pathname: '/' })).toBe('/login');
    expect(loginPath({ pathname: '/login', search: '?next=%2Fx' })).toBe('/login');
  });

  it('[UA3] ?next= only ever leads to a path on this site', () => {
    expect(safeNext('/episodes/e1')).toBe('/episodes/e1');
    expect(safeNext('/series/s1?tab=bible')).toBe('/series/s1?tab=bible');
    for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)']) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });
});
