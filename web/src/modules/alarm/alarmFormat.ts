/** Status tag colours: waiting for a seat, help on the way, there, done. */
export function alarmColor(status: string): string {
  if (status === 'open') return 'red';
  if (status === 'acknowledged') return 'orange';
  if (status === 'dispatched' || status === 'accepted') return 'blue';
  if (status === 'arrived') return 'cyan';
  return 'default';
}

/**
 * A short two-tone beep through WebAudio (no sound file). Browsers allow sound only after the person
 * has clicked on the page: the console creates the context from its "sound on" button.
 */
export function beep(ctx: AudioContext | null): void {
  if (!ctx) return;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.value = 0.15;
    osc.connect(gain);
    gain.connect(ctx.destination);
    const at = ctx.currentTime + i * 0.25;
    osc.start(at);
    osc.stop(at + 0.2);
  }
}
