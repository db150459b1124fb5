// The ws client on its own: frame validation, request/response pairing, reconnect with backoff.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StationClient, StationError, defaultBackoff, type StationEvent } from '../../renderer/app/station-client.js';
import { FakeStation, demoStation, message } from '../fixtures/control-room/fake-station.js';

function clientFor(station: FakeStation, extra: Partial<ConstructorParameters<typeof StationClient>[0]> = {}) {
  const states: string[] = [];
  const events: StationEvent[] = [];
  const problems: string[] = [];
  const client = new StationClient({
    url: 'ws://station.test/ws',
    createSocket: station.createSocket,
    backoff: () => 1000,
    onState: (s) => states.push(s),
    onEvent: (e) => events.push(e),
    onProtocolError: (p) => problems.push(p),
    ...extra,
  });
  return { client, states, events, problems };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('station client', () => {
  it('pairs a reply with its request and returns the validated value', async () => {
    const station = demoStation();
    const { client, states } = clientFor(station);
    client.start();
    await tick();
    expect(states).toEqual(['connecting', 'open']);
    const session = await client.request('login', { login: 'admin', password: 'secret' });
    expect(session.token).toBe('tok-1');
    expect(station.calls[0]).toEqual({ method: 'login', params: { login: 'admin', password: 'secret' } });
    client.stop();
  });

  it('rejects with the station’s code, sentence and field', async () => {
    const station = demoStation();
    const { client } = clientFor(station);
    client.start();
    await tick();
    const error = await client.request('login', { login: 'admin', password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('unauthenticated');
    expect((error as StationError).message).toBe('Wrong login or password.');
    client.stop();
  });

  it('refuses a reply whose value fails its schema and reports a protocol problem', async () => {
    const station = demoStation();
    station.handlers.snapshot = () => ({ version: 1, groups: 'nope' });
    const { client, problems } = clientFor(station);
    client.start();
    await tick();
    const error = await client.request('snapshot', {}).catch((e: unknown) => e);
    expect((error as StationError).code).toBe('protocol');
    expect(problems).toEqual(['A reply to snapshot that fails its schema.']);
    client.stop();
  });

  it('passes valid events on, drops malformed ones and ignores unknown event names', async () => {
    const station = demoStation();
    const { client, events, problems } = clientFor(station);
    client.start();
    await tick();
    station.push('message.created', message({ id: 5, direction: 'in', status: 'received' }));
    station.push('message.created', { id: 'five' });
    station.push('poll.tally', { anything: true });
    station.sendRaw(station.socket!, 'not json at all');
    expect(events.map((e) => e.event)).toEqual(['message.created']);
    expect(problems).toEqual(['A message.created event that fails its schema.', 'A frame that is neither a reply nor an event.']);
    client.stop();
  });

  it('fails pending requests when the link drops and reconnects after the backoff', async () => {
    vi.useFakeTimers();
    const station = demoStation();
    station.handlers.snapshot = () => new Promise(() => undefined); // Never answers in time.
    const { client, states } = clientFor(station);
    client.start();
    await vi.advanceTimersByTimeAsync(0);
    const pending = client.request('logout', {});
    station.handlers.logout = () => ({});
    station.drop();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    expect(states.at(-1)).toBe('offline');
    station.up = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.slice(-2)).toEqual(['connecting', 'offline']);
    station.up = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)).toBe('open');
    expect(station.sockets).toHaveLength(3);
    client.stop();
  });

  it('refuses a request at once while offline', async () => {
    const station = demoStation();
    station.up = false;
    const { client } = clientFor(station);
    await expect(client.request('logout', {})).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('backs off exponentially up to 15 seconds', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect([1, 2, 3, 4, 10].map(defaultBackoff)).toEqual([500, 1000, 2000, 4000, 15000]);
    vi.restoreAllMocks();
  });
});
