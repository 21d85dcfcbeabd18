const chunks = /\d+|\D+/g;

/**
 * Orders names the way people count: "9-x.md" before "10-x.md". Runs of digits compare by
 * value, everything else by UTF-16 code unit, so the order never depends on the locale.
 */
export function compareNatural(a: string, b: string): number {
  const left = a.match(chunks) ?? [];
  const right = b.match(chunks) ?? [];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const order = compareChunk(left[index] ?? "", right[index] ?? "");
    if (order !== 0) return order;
  }
  if (left.length !== right.length) return left.length - right.length;
  return compareCodeUnits(a, b);
}

function compareChunk(a: string, b: string): number {
  if (isDigits(a) && isDigits(b)) {
    const x = a.replace(/^0+/, "");
    const y = b.replace(/^0+/, "");
    if (x.length !== y.length) return x.length - y.length;
    return compareCodeUnits(x, y);
  }
  return compareCodeUnits(a, b);
}

function isDigits(text: string): boolean {
  return /^\d/.test(text);
}

function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
