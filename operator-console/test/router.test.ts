import { matchRoute } from '../src/lib/router';

describe('matchRoute', () => {
  it('matches static and param segments', () => {
    expect(matchRoute('/console/sessions', '/console/sessions')).toEqual({});
    expect(matchRoute('/console/sessions', '/console/sessions/')).toEqual({});
    expect(matchRoute('/console/sessions/:id', '/console/sessions/abc%20d')).toEqual({ id: 'abc d' });
  });
  it('rejects other paths', () => {
    expect(matchRoute('/console/sessions/:id', '/console/sessions')).toBeNull();
    expect(matchRoute('/console/agents/:id', '/console/sessions/x')).toBeNull();
    expect(matchRoute('/console/sessions/:id', '/console/sessions/%E0%A4%A')).toBeNull();
  });
});
