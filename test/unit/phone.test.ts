import { describe, expect, it } from 'vitest';
import { normalizePhone, PhoneError, tryNormalizePhone, formatPhone } from '../../main/station/domain/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['8 916 123-45-67', '+79161234567'],
    ['+7 (916) 1234567', '+79161234567'],
    ['9161234567', '+79161234567'],
    ['79161234567', '+79161234567'],
    ['+7-916-123-45-67', '+79161234567'],
    ['8 (495) 123-45-67', '+74951234567'],
    ['+49 30 12345678', '+493012345678'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', '   ', '12345', '+7 916 123', 'abc', '8916123456789012', '+7 916 123 45 67; DROP TABLE', '<script>'])(
    'refuses %j with an error that names it',
    (input) => {
      expect(() => normalizePhone(input)).toThrow(PhoneError);
      try {
        normalizePhone(input);
      } catch (err) {
        expect((err as Error).message).toContain(`"${input}"`);
      }
    },
  );

  it('returns null instead of throwing in tryNormalizePhone', () => {
    expect(tryNormalizePhone('not a phone')).toBeNull();
    expect(tryNormalizePhone('8 916 123-45-67')).toBe('+79161234567');
  });

  it('formats E.164 for display', () => {
    expect(formatPhone('+79161234567')).toBe('+7 916 123 45 67');
  });
});
