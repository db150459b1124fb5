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
  /** A single number's chip (from "reply" in the feed, or typed), by phone as E.164. */
  phoneChip: (phone: string) => `compose-phone-chip-${phone}`,
  phoneChipRemove: (phone: string) => `compose-phone-chip-remove-${phone}`,
  /** A person picked in the typeahead, by contact id. */
  contactChip: (id: number) => `compose-contact-chip-${id}`,
  contactChipRemove: (id: number) => `compose-contact-chip-remove-${id}`,
  /** The typeahead (role=combobox) and its list; items by key: c<contactId>, t<tagId>, p<phone>. */
  search: 'compose-search',
  searchList: 'compose-search-list',
  searchItem: (key: string) => `compose-search-item-${key}`,
  text: 'compose-text',
  /** Text: characters typed (client side, instant). */
  characters: 'compose-characters',
  /** Text: SMS per recipient, counted here at once; data-min / data-max (differ with {name}). */
  segments: 'compose-segments',
  /** data-encoding="gsm7|ucs2". */
  encoding: 'compose-encoding',
  /** Text: resolved recipients (station); data-count holds the number. */
  recipients: 'compose-recipients',
  /** Text: SMS the send costs in all (station: every recipient's text added up); data-count. */
  smsTotal: 'compose-sms-total',
  /** The text as it will go out when the kind adds to it (answer lines, order number). */
  outgoing: 'compose-outgoing',
  kind: 'compose-kind',
  kindOption: (kind: string) => `compose-kind-${kind}`,
  confirmAfter: 'compose-confirm-after',
  confirmResends: 'compose-confirm-resends',
  confirmEscalate: 'compose-confirm-escalate',
  chainStep: (groupId: number) => `compose-chain-${groupId}`,
  answerLines: 'compose-answer-lines',
  pollOption: (n: number) => `compose-poll-option-${n}`,
  pollAdd: 'compose-poll-add',
  orderCode: 'compose-order-code',
  more: 'compose-more',
  priority: 'compose-priority',
  schedule: 'compose-schedule',
  validity: 'compose-validity',
  templates: 'compose-templates',
  templatePick: 'compose-template-pick',
  templateSave: 'compose-template-save',
  templateName: 'compose-template-name',
  templateSaveConfirm: 'compose-template-save-confirm',
  /** Administrators: save the template shared with every desk. */
  templateShared: 'compose-template-shared',
  templateDelete: 'compose-template-delete',
  templateNote: 'compose-template-note',
  /** Opens the second-chance confirmation. */
  send: 'compose-send',
  /** The confirmation dialog: people (data-count), SMS (data-count, data-min, data-max). */
  check: 'compose-check',
  checkPeople: 'compose-check-people',
  checkSms: 'compose-check-sms',
  /** The text as it goes out ({name} still unrendered). */
  checkText: 'compose-check-text',
  checkSend: 'compose-check-send',
  /** Roubles under the current tariff: data-rub, data-over (SMS beyond the plan). */
  checkCost: 'compose-check-cost',
  /** Above the admin's thresholds: what is above which; Send then asks once more. */
  checkOver: 'compose-check-over',
  /** The second yes, above the thresholds. */
  checkConfirmOver: 'compose-check-confirm-over',
  /** Who is refused and why (also when nobody would get it). */
  checkRefused: 'compose-check-refused',
  checkError: 'compose-check-error',
  checkScheduled: 'compose-check-scheduled',
  checkCancel: 'compose-check-cancel',
  /** After a send: data-broadcast-id and data-recipients. */
  result: 'compose-result',
  refused: 'compose-refused',
  error: 'compose-error',
  /** Answering one person from the feed: data-phone, data-aside (a draft waits aside). */
  replyBanner: 'compose-reply',
  /** Back to the draft set aside (or drop the reply when none was). */
  replyBack: 'compose-reply-back',
  replyDropYes: 'compose-reply-drop-yes',
} as const;

/** The text area's element id: the skip link and "reply" in the feed move focus to it. */
export const COMPOSE_TEXT_ID = 'compose-text';
