import { describe, expect, it } from 'vitest';
import { joinRoute, splitRoute } from '../../main/station/carrier-config/route-store.js';
import { buildCarrier } from '../../main/station/carriers/from-config.js';

describe('carrier routes split into settings and sealed secrets', () => {
  it('keeps an HTTP route without send.auth buildable after its callback token is taken out', () => {
    const entry = { kind: 'http', id: 'cloud', send: { url: 'http://127.0.0.1:9/sms' }, callback: { token: 'cb-token' } };
    const split = splitRoute(entry);
    expect(split.secrets).toEqual({ 'callback.token': 'cb-token' });
    expect(split.settings).toEqual({ send: { url: 'http://127.0.0.1:9/sms' }, callback: {} });
    const joined = joinRoute(split);
    expect(joined).toMatchObject({ kind: 'http', id: 'cloud', callback: { token: 'cb-token' } });
    expect(() => buildCarrier(joined as Parameters<typeof buildCarrier>[0])).not.toThrow();
  });
});
