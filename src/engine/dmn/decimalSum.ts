/**
 * Adds numbers as decimals, the way dmn-scala's COLLECT SUM adds FEEL numbers (Scala BigDecimal): 0.1 + 0.2 is
 * 0.3, not the binary 0.30000000000000004. Each number is read from its shortest decimal form, summed exactly,
 * and read back as the nearest double.
 */
export function decimalSum(values: number[]): number {
  const parts = values.map(scaled);
  const scale = Math.max(0, ...parts.map((p) => p.scale));
  const total = parts.reduce((sum, p) => sum + p.digits * 10n ** BigInt(scale - p.scale), 0n);
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const decimal = scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
  return Number(`${negative ? '-' : ''}${decimal}`);
}

/** `value` = digits × 10^-scale, scale ≥ 0. */
function scaled(value: number): { digits: bigint; scale: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`not a finite number: ${value}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}
