// SMS a carrier sent since local midnight, for the board: it reads zero again on a new day even
// when nothing was sent yet that day.
export class SentToday {
  private day = '';
  private n = 0;

  add(now = new Date()): void {
    const day = now.toDateString();
    if (day !== this.day) {
      this.day = day;
      this.n = 0;
    }
    this.n++;
  }

  count(now = new Date()): number {
    return now.toDateString() === this.day ? this.n : 0;
  }
}
