// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const composeTestIds = {
  panel: 'compose-panel',
  /** The list of picked groups; each chip is chip(id), its remove button chipRemove(id). */
  picked: 'compose-picked',
  chip: (groupId: number) => `compose-chip-${groupId}`,
  chipRemove: (groupId: number) => `compose-chip-remove-${groupId}`,
  /** A picked tag's chip, by tag name (without #). */
  tagChip: (tag: string) => `compose-tag-chip-${tag}`,
  tagChipRemove: (tag: string) => `compose-tag-chip-remove-${tag}`,
  /** A single number's chip (from "reply" in the feed), by phone as E.164. */
  phoneChip: (phone: string) => `compose-phone-chip-${phone}`,
  phoneChipRemove: (phone: string) => `compose-phone-chip-remove-${phone}`,
  text: 'compose-text',
  /** Text: characters typed (client side, instant). */
  characters: 'compose-characters',
  /** Text: SMS segments per recipient (station's preview); data-pending="true" while counting. */
  segments: 'compose-segments',
  /** data-encoding="gsm7|ucs2". */
  encoding: 'compose-encoding',
  /** Text: resolved recipients; data-count holds the number. */
  recipients: 'compose-recipients',
  /** Text: SMS the send costs in all (segments × recipients); data-count holds the number. */
  smsTotal: 'compose-sms-total',
  send: 'compose-send',
  /** After a send: data-broadcast-id and data-recipients. */
  result: 'compose-result',
  refused: 'compose-refused',
  error: 'compose-error',
} as const;

/** The text area's element id: the skip link and "reply" in the feed move focus to it. */
export const COMPOSE_TEXT_ID = 'compose-text';
