// Writes that may ride in a transaction somebody else holds. A group commit of sends is the
// station's busiest commit; the outbox's recorded answers and claims and the audit lines queued
// in the meantime go into it rather than into commits of their own (a commit costs more than
// most of the rows it holds). The holder calls `write` inside its transaction, then `committed`
// after its commit, or `rolledBack` if that failed: nothing a rider does is visible to anyone
// (no carrier handed an SMS, no line dropped from its queue) before `committed`.
export interface Rider {
  write(): void;
  committed(): void;
  rolledBack(): void;
}
