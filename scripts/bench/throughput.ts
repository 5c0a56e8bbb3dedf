/** Runs `work` repeatedly for about `milliseconds` after a warm-up and returns the best items per second of three rounds. */
export function itemsPerSecond(work: () => number, milliseconds = 700): number {
  const deadline = performance.now() + 200;
  while (performance.now() < deadline) {
    work();
  }
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    let items = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < milliseconds) {
      items += work();
      elapsed = performance.now() - start;
    }
    rounds.push((items / elapsed) * 1000);
  }
  return Math.max(...rounds);
}
