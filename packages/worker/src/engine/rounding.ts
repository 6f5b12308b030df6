/**
 * Results carry 9 decimal places (decision D13): decimals sum without float noise showing
 * (0.1 + 0.2 is 0.3) and -0 never leaks into JSON or equality checks.
 */
export function round(value: number): number {
  const rounded = Math.abs(value) < 1e6 ? Math.round(value * 1e9) / 1e9 : Number(value.toFixed(9));
  return rounded === 0 ? 0 : rounded;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
