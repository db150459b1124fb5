// A short rising two-note chime for an arriving reply (the escalation alert beeps differently,
// falling). One AudioContext for the page: browsers cap how many may exist.
let ctx: AudioContext | null = null;

export function chime(): void {
  try {
    const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctx) return;
    ctx ??= new Ctx();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    gain.gain.value = 0.2;
    osc.frequency.setValueAtTime(660, ctx.currentTime);
    osc.frequency.setValueAtTime(990, ctx.currentTime + 0.12);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
  } catch {
    /* No audio device: the feed still shows the reply. */
  }
}
