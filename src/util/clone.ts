/**
 * A deep copy of a syntax tree. Trees are plain data (objects, arrays, strings, numbers,
 * booleans, null), which this copies about twice as fast as `structuredClone`; anything else
 * (a Map, a Date…) that a plugin may have put in `data` goes through `structuredClone`.
 */
export function cloneTree<T>(value: T, onCopy?: (original: object, copy: object) => void): T {
  return copy(value, onCopy) as T;
}

function copy(value: unknown, onCopy?: (original: object, copy: object) => void): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], onCopy);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key], onCopy);
  // Lets a caller find the copy of a node it holds (render pairs model items with nodes this way).
  onCopy?.(value, out);
  return out;
}
