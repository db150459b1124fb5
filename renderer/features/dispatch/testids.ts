// Stable hooks for end-to-end tests. Change one only together with the specs that use it.
export const dispatchTestIds = {
  form: 'confirm-form',
  text: 'confirm-text',
  group: 'confirm-group',
  minutes: 'confirm-minutes',
  escalateTo: 'confirm-escalate-to',
  send: 'confirm-send',
  result: 'confirm-result',
  error: 'confirm-error',
  questions: 'questions-panel',
  /** One poll or confirmation; data-answered / data-silent hold the counts. */
  tally: (broadcastId: number) => `tally-${broadcastId}`,
  option: (broadcastId: number, n: number) => `tally-option-${broadcastId}-${n}`,
  answer: (broadcastId: number, phone: string) => `tally-answer-${broadcastId}-${phone}`,
  silent: (broadcastId: number) => `tally-silent-${broadcastId}`,
  escalation: (broadcastId: number) => `tally-escalation-${broadcastId}`,
  /** How many people changed their answer; data-count. */
  changedCount: (broadcastId: number) => `tally-changed-${broadcastId}`,
  close: (broadcastId: number) => `tally-close-${broadcastId}`,
  closed: (broadcastId: number) => `tally-closed-${broadcastId}`,
  cancel: (broadcastId: number) => `tally-cancel-${broadcastId}`,
  /** New questions waiting while the list is held under the pointer. */
  waiting: 'questions-waiting',
  /** Free-text answers ("other"); data-count. */
  other: (broadcastId: number) => `tally-other-${broadcastId}`,
  /** Someone reached by an escalation step answered it; shown on the original alert. */
  byEscalation: (broadcastId: number, phone: string) => `tally-by-escalation-${broadcastId}-${phone}`,
  /** An escalation step as it ran; data-action, data-reached, data-refused. */
  step: (broadcastId: number, step: number) => `tally-step-${broadcastId}-${step}`,
  /** A re-send or escalation the dispatcher is told about; data-action, data-silent. */
  alert: (broadcastId: number, step: number) => `confirm-alert-${broadcastId}-${step}`,
} as const;
