// SMS a carrier sent since local midnight, for the board: it reads zero again on a new day even
// when nothing was sent yet that day. The day's bounds are kept as times, so counting costs a
// comparison, not a date formatted per SMS (status() is read on every outbox turn).
export class SentToday {
  private from = 0;
  private until = 0;
  private n = 0;

  add(now = new Date()): void {
    const t = now.getTime();
    if (t < this.from || t >= this.until) {
      this.startDay(now);
      this.n = 0;
    }
    this.n++;
  }

  count(now = new Date()): number {
    const t = now.getTime();
    return t >= this.from && t < this.until ? this.n : 0;
  }

  private startDay(now: Date): void {
    this.from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    this.until = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  }
}
