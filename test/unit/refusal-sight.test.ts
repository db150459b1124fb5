// Refusals and tallies re-told per reader (auth/refusal-sight.ts, auth/tally-sight.ts): stored once
// with the full label, shown by name only to a reader who sees the person.
import { describe, expect, it } from 'vitest';
import { personRefusal, refusalsInSight } from '../../main/station/auth/refusal-sight.js';
import { changeInSight, hiddenKey, tallyInSight } from '../../main/station/auth/tally-sight.js';
import { refusal, sayRefusals } from '../../main/station/i18n/refusals.js';
import { msg } from '../../main/station/i18n/text.js';
import type { ReadScope } from '../../main/station/auth/read-scope.js';
import type { Tally } from '../../shared/protocol/index.js';

const ALL: ReadScope = { all: true };
const north: ReadScope = { all: false, userId: 7, contactIds: new Set([1]) };
const OUTSIDE = 'a recipient outside your rights';

describe('refusals per reader', () => {
  const seen = personRefusal('contact', 1, 'Иванов (+79160000001)', msg('refusal.noRight'), true);
  const unseen = personRefusal('contact', 3, 'Сидорова (+79160000003)', msg('refusal.noRight'), false);
  const typed = personRefusal('contact', 3, 'Сидорова (+79160000003)', msg('refusal.noRight'), false, '+79160000003');

  it('builds an unseen one with the neutral target and keeps the name for the audit; a typed number is echoed', () => {
    expect(unseen).toMatchObject({ kind: 'contact', target: OUTSIDE, named: 'Сидорова (+79160000003)', contactId: 3 });
    expect(typed).toMatchObject({ kind: 'phone', target: '+79160000003', named: 'Сидорова (+79160000003)' });
    expect(sayRefusals([unseen], 'ru')).toEqual([{ kind: 'contact', target: 'получатель вне ваших прав', reason: expect.any(String) }]);
  });

  it('tells an administrator every name, and a limited reader only their own people', () => {
    expect(refusalsInSight([seen, unseen, typed], ALL).map((r) => r.target)).toEqual(['Иванов (+79160000001)', 'Сидорова (+79160000003)', 'Сидорова (+79160000003)']);
    expect(refusalsInSight([seen, unseen, typed], north).map((r) => r.target)).toEqual(['Иванов (+79160000001)', OUTSIDE, OUTSIDE]);
  });

  it('hides a contact refusal stored before refusals said whom they were about, and the name in an inactive number\'s reason', () => {
    const legacy = refusal('contact', 'Сидорова (+79160000003)', msg('refusal.noRight'));
    const inactive = { ...refusal('phone', '+79160000003', msg('refusal.phoneInactive', { name: 'Сидорова' })), contactId: 3 };
    const told = refusalsInSight([legacy, inactive], north);
    expect(told.map((r) => r.target)).toEqual([OUTSIDE, OUTSIDE]);
    expect(JSON.stringify(sayRefusals(told, 'en'))).not.toMatch(/Сидорова|9160000003/);
    expect(refusalsInSight([legacy], ALL)[0]!.target).toBe('Сидорова (+79160000003)');
  });
});

describe('tallies per reader', () => {
  const tally: Tally = {
    broadcastId: 5, kind: 'poll', options: [{ n: 1, text: 'да', count: 2 }], answers: [
      { contactId: 1, name: 'Иванов', phone: '+79160000001', option: 1, previous: null, changes: 0, at: 1, text: '1', messageId: 10 },
      { contactId: 3, name: 'Сидорова', phone: '+79160000003', option: 1, previous: null, changes: 0, at: 2, text: '1 Сидорова', messageId: 11 },
    ], silent: [{ contactId: null, name: null, phone: '+79169999999' }], closed: false, escalation: null,
  };

  it('keeps the figures and the rows, masks the people outside, whole for the author', () => {
    const t = tallyInSight(tally, { scope: north, author: false, locale: 'en' });
    expect(t.options).toEqual(tally.options);
    expect(t.answers[0]).toEqual(tally.answers[0]);
    expect(t.answers[1]).toEqual({ contactId: null, name: OUTSIDE, phone: hiddenKey('+79160000003'), option: 1, previous: null, changes: 0, at: 2, text: null });
    expect(t.silent).toEqual([{ contactId: null, name: OUTSIDE, phone: hiddenKey('+79169999999') }]);
    expect(tallyInSight(tally, { scope: north, author: true, locale: 'en' })).toEqual(tally);
  });

  it('masks a change with the same key, so the desk finds the row', () => {
    const c = changeInSight({ broadcastId: 5, counts: { options: [2], other: 0, answered: 2, silent: 1 }, answer: tally.answers[1] }, { scope: north, author: false, locale: 'en' }, () => 3);
    expect(c.answer!.phone).toBe(tallyInSight(tally, { scope: north, author: false, locale: 'en' }).answers[1]!.phone);
    expect(c.counts.answered).toBe(2);
    const removed = changeInSight({ broadcastId: 5, counts: { options: [1], other: 0, answered: 1, silent: 1 }, removed: { phone: '+79160000001', silent: null } }, { scope: north, author: false, locale: 'en' }, () => 1);
    expect(removed.removed).toEqual({ phone: '+79160000001', silent: null });
  });
});
