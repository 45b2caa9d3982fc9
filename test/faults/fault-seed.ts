/**
 * The seed of one drill's random fault moments: DRILL_SEED when given (to replay a failure), else a fresh random
 * one, so each run puts its faults somewhere new. Printed either way: a failing run's seed replays it exactly.
 */
export function faultSeed(drill: string): number {
  const given = process.env.DRILL_SEED;
  const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  process.stdout.write(`FAULT SEED ${drill}: ${seed} (replay: DRILL_SEED=${seed} npm run test:faults -- -t '...')\n`);
  return seed;
}
