import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../shared/protocol/index.js';
import { Notification, resetElectronFake } from './electron-fake.js';

vi.mock('electron', () => import('./electron-fake.js'));

const { createReplyNotifier } = await import('../../main/electron/notifications.js');

function reply(overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: 1,
    direction: 'in',
    broadcastId: 7,
    replyTo: 70,
    contactId: 3,
    contactName: 'Иванов И. И.',
    phone: '+79161234567',
    text: 'принял',
    tags: [],
    segments: 1,
    status: 'received',
    error: null,
    carrier: 'simulator',
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  } as MessageView;
}

function setup(focused = false) {
  const focusWindow = vi.fn();
  const notify = createReplyNotifier({ isWindowFocused: () => focused, focusWindow });
  return { notify, focusWindow };
}

beforeEach(() => resetElectronFake());

describe('reply notifications', () => {
  it('shows the contact name as title and the reply text as body', () => {
    setup().notify(reply());
    expect(Notification.instances).toHaveLength(1);
    const shown = Notification.instances[0]!;
    expect(shown.options).toEqual({ title: 'Иванов И. И.', body: 'принял' });
    expect(shown.shown).toBe(true);
  });

  it('falls back to the phone number for a sender not in the contacts', () => {
    setup().notify(reply({ contactName: null, phone: '+79990001122' }));
    expect(Notification.instances[0]!.options.title).toBe('+79990001122');
  });

  it('brings the window to the front when clicked', () => {
    const { notify, focusWindow } = setup();
    notify(reply());
    Notification.instances[0]!.emit('click');
    expect(focusWindow).toHaveBeenCalledTimes(1);
  });

  it('ignores outgoing messages', () => {
    setup().notify(reply({ direction: 'out' }));
    expect(Notification.instances).toHaveLength(0);
  });

  it('stays quiet while the operator is looking at the control room', () => {
    setup(true).notify(reply());
    expect(Notification.instances).toHaveLength(0);
  });

  it('keeps only the newest reply on screen during a flood of replies', () => {
    const { notify } = setup();
    notify(reply({ id: 1, text: 'один' }));
    notify(reply({ id: 2, text: 'два' }));
    notify(reply({ id: 3, text: 'три' }));
    const [first, second, third] = Notification.instances;
    expect(first!.closed && second!.closed).toBe(true);
    expect(third!.closed).toBe(false);
    expect(third!.options.body).toBe('три');
  });

  it('cuts a long reply to a readable length', () => {
    setup().notify(reply({ text: 'а'.repeat(1000) }));
    const body = Notification.instances[0]!.options.body;
    expect(body.length).toBe(200);
    expect(body.endsWith('…')).toBe(true);
  });

  it('does nothing where the OS has no notifications', () => {
    Notification.supported = false;
    setup().notify(reply());
    expect(Notification.instances).toHaveLength(0);
  });
});
