// A route's secrets are kept apart from its settings; taking out a secret that a route does not
// have must leave the settings as they were, so the route still builds (an HTTP route without
// authentication came back with `auth: {}` and could not start).
import { describe, expect, it } from 'vitest';
import { joinRoute, splitRoute } from '../../main/station/carrier-config/route-store.js';
import { CarrierRouteConfig } from '../../main/station/carriers/from-config.js';

describe('route secrets', () => {
  it('splits and joins an HTTP route with no authentication and only a callback token', () => {
    const entry = { kind: 'http', id: 'cloud', send: { url: 'https://api.example.com/sms' }, callback: { token: 'cb-token' } };
    const split = splitRoute(entry);
    expect(split.settings).toEqual({ send: { url: 'https://api.example.com/sms' }, callback: {} });
    expect(split.secrets).toEqual({ 'callback.token': 'cb-token' });
    const joined = joinRoute(split);
    expect(CarrierRouteConfig.safeParse(joined).success).toBe(true);
  });

  it('still reads a route stored with an empty auth before this was fixed', () => {
    const parsed = CarrierRouteConfig.parse({ kind: 'http', id: 'cloud', send: { url: 'https://api.example.com/sms', auth: {} } });
    expect(parsed.kind === 'http' && parsed.send.auth).toEqual({ kind: 'none' });
  });
});
