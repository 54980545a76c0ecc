import { describe, expect, it } from 'vitest';
import { anchorKeyString, bookmarkName, BOOKMARK_NAME_MAX } from '../src/docx/ids.js';

describe('DOCX bookmark names', () => {
  it('are valid Word bookmark names, deterministic and distinct for keys Word would otherwise merge', () => {
    const keys = [
      { scope: 'recommendation' as const, id: 'evidence-preservation' },
      { scope: 'recommendation' as const, id: 'evidence_preservation' },
      { scope: 'recommendation' as const, id: 'evidence-preservation', part: { kind: 'variant' as const, system: 'civil-law' } },
      { scope: 'recommendation' as const, id: 'a-very-long-recommendation-identifier-that-goes-on-and-on', part: { kind: 'principle' as const } },
      { scope: 'recommendation' as const, id: 'a-very-long-recommendation-identifier-that-goes-on-and-on', part: { kind: 'rationale' as const } },
      { scope: 'section' as const, id: 'evidence' },
      { scope: 'recommendation' as const, id: 'x', part: { kind: 'example' as const, jurisdiction: 'JP' } },
    ];
    const names = keys.map(bookmarkName);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(name.length).toBeLessThanOrEqual(BOOKMARK_NAME_MAX);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(keys.map(bookmarkName)).toEqual(names);
    expect(bookmarkName({ scope: 'section', id: 'evidence' })).toBe('S_evidence');
    expect(anchorKeyString(keys[2])).toBe('recommendation:evidence-preservation.variant.civil-law');
  });
});
