import type { Construct, Effects, Extension, State, TokenizeContext, Code } from 'micromark-util-types';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import { asciiAlphanumeric, markdownLineEnding, markdownLineEndingOrSpace, unicodeWhitespace } from 'micromark-util-character';
import type { Citation, CitationEntry } from '../dialect/citation.js';
import { splitLocator } from './locator.js';

/**
 * Pandoc's citation syntax as a micromark extension, so citations are read by the one parse:
 *
 *   [@key]  [@key, 47]  [see @key, 12–14; @other at 3]  [-@key]  @key [47]
 *
 * A bracketed citation is a list of items separated by `;`, each `prefix @key suffix` (a `-`
 * right before `@` suppresses the author). A narrative citation is `@key`, optionally followed
 * by ` [locator]`. Anything that does not fit (a link, `[^1]`, an e-mail address) is left to
 * the other constructs: the tokenizer says `nok` and micromark tries the next one.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    citation: 'citation';
    citationMarker: 'citationMarker';
    citationItem: 'citationItem';
    citationPrefix: 'citationPrefix';
    citationKeyMarker: 'citationKeyMarker';
    citationKey: 'citationKey';
    citationSuffix: 'citationSuffix';
    citationSeparator: 'citationSeparator';
    citationNarrativeLocator: 'citationNarrativeLocator';
    citationNarrative: 'citationNarrative';
    citationLineEnding: 'citationLineEnding';
  }
}

const AT = 64;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;
const SEMICOLON = 59;
const SPACE = 32;
const UNDERSCORE = 95;
const DASH = 45;
const LEFT_BRACE = 123;
const RIGHT_BRACE = 125;

/** Punctuation pandoc allows inside a key, when a letter or digit follows it. */
const INTERNAL_PUNCTUATION = new Set([...':.#$%&-+?<>~/'].map((c) => c.charCodeAt(0)));

function keyStart(code: Code): boolean {
  return code !== null && (asciiAlphanumeric(code) || code === UNDERSCORE || code > 127 && !unicodeWhitespace(code));
}

function keyChar(code: Code): boolean {
  return keyStart(code);
}

/** `@key` or `@{key with anything}`: shared by both forms. Starts on `@`. */
function tokenizeKey(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;
  function start(code: Code): State | undefined {
    effects.enter('citationKeyMarker');
    effects.consume(code);
    effects.exit('citationKeyMarker');
    return open;
  }
  function open(code: Code): State | undefined {
    if (code === LEFT_BRACE) {
      effects.enter('citationKeyMarker');
      effects.consume(code);
      effects.exit('citationKeyMarker');
      effects.enter('citationKey');
      return braced;
    }
    if (!keyStart(code)) return nok(code);
    effects.enter('citationKey');
    effects.consume(code);
    return plain;
  }
  function braced(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return nok(code);
    if (code === RIGHT_BRACE) {
      effects.exit('citationKey');
      effects.enter('citationKeyMarker');
      effects.consume(code);
      effects.exit('citationKeyMarker');
      return ok;
    }
    effects.consume(code);
    return braced;
  }
  function plain(code: Code): State | undefined {
    if (keyChar(code)) {
      effects.consume(code);
      return plain;
    }
    if (code !== null && INTERNAL_PUNCTUATION.has(code)) return effects.check(punctuationInsideKey, punctuation, end)(code);
    return end(code);
  }
  function punctuation(code: Code): State | undefined {
    effects.consume(code);
    return plain;
  }
  function end(code: Code): State | undefined {
    effects.exit('citationKey');
    return ok(code);
  }
}

/** Trailing punctuation (`@doe99.` at the end of a sentence) is not part of the key. */
const punctuationInsideKey: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code) => {
      effects.enter('citationKey');
      effects.consume(code);
      return (next) => {
        if (keyChar(next)) {
          effects.exit('citationKey');
          return ok(next);
        }
        return nok(next);
      };
    };
  },
};

const key: Construct = { partial: true, tokenize: tokenizeKey };

/** `[prefix @key suffix; …]`, starting on `[`. */
const bracketed: Construct = {
  name: 'citationBracketed',
  tokenize(effects, ok, nok) {
    // What the previous character of the prefix was: `@` starts a key only at a word's start.
    let previous: Code = LEFT_BRACKET;
    let prefixOpen = false;
    let suffixOpen = false;
    return start;

    function start(code: Code): State | undefined {
      effects.enter('citation');
      effects.enter('citationMarker');
      effects.consume(code);
      effects.exit('citationMarker');
      return itemStart;
    }
    function itemStart(code: Code): State | undefined {
      effects.enter('citationItem');
      previous = SPACE;
      prefixOpen = false;
      return prefix(code);
    }
    function prefix(code: Code): State | undefined {
      if (code === null || code === LEFT_BRACKET || code === RIGHT_BRACKET || code === SEMICOLON) return nok(code);
      if (code === AT && (markdownLineEndingOrSpace(previous) || previous === DASH || previous === LEFT_BRACKET || unicodeWhitespace(previous))) {
        if (prefixOpen) effects.exit('citationPrefix');
        prefixOpen = false;
        return effects.attempt(key, suffixStart, nok)(code);
      }
      if (markdownLineEnding(code)) {
        if (prefixOpen) effects.exit('citationPrefix');
        prefixOpen = false;
        effects.enter('citationLineEnding');
        effects.consume(code);
        effects.exit('citationLineEnding');
        previous = SPACE;
        return prefix;
      }
      if (!prefixOpen) {
        effects.enter('citationPrefix');
        prefixOpen = true;
      }
      previous = code;
      effects.consume(code);
      return prefix;
    }
    function suffixStart(code: Code): State | undefined {
      return suffix(code);
    }
    function suffix(code: Code): State | undefined {
      if (code === null || code === LEFT_BRACKET) return nok(code);
      if (code === SEMICOLON || code === RIGHT_BRACKET) {
        if (suffixOpen) effects.exit('citationSuffix');
        suffixOpen = false;
        effects.exit('citationItem');
        if (code === SEMICOLON) {
          effects.enter('citationSeparator');
          effects.consume(code);
          effects.exit('citationSeparator');
          return itemStart;
        }
        effects.enter('citationMarker');
        effects.consume(code);
        effects.exit('citationMarker');
        effects.exit('citation');
        return ok;
      }
      if (markdownLineEnding(code)) {
        if (suffixOpen) effects.exit('citationSuffix');
        suffixOpen = false;
        effects.enter('citationLineEnding');
        effects.consume(code);
        effects.exit('citationLineEnding');
        return suffix;
      }
      if (!suffixOpen) {
        effects.enter('citationSuffix');
        suffixOpen = true;
      }
      effects.consume(code);
      return suffix;
    }
  },
};

/** `@key`, optionally followed by ` [locator]`, starting on `@` at the start of a word. */
const narrative: Construct = {
  name: 'citationNarrative',
  previous(code) {
    return code === null || markdownLineEndingOrSpace(code) || unicodeWhitespace(code) || code === 40 /* ( */;
  },
  tokenize(effects, ok, nok) {
    return start;
    function start(code: Code): State | undefined {
      effects.enter('citationNarrative');
      effects.enter('citationItem');
      return effects.attempt(key, afterKey, nok)(code);
    }
    function afterKey(code: Code): State | undefined {
      effects.exit('citationItem');
      return effects.attempt(narrativeLocator, done, done)(code);
    }
    function done(code: Code): State | undefined {
      effects.exit('citationNarrative');
      return ok(code);
    }
  },
};

/** ` [47]` after a narrative citation: its locator and suffix. */
const narrativeLocator: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    let open = false;
    return start;
    function start(code: Code): State | undefined {
      if (code === SPACE) {
        effects.enter('citationMarker');
        effects.consume(code);
        return bracket;
      }
      if (code === LEFT_BRACKET) {
        effects.enter('citationMarker');
        return bracket(code);
      }
      return nok(code);
    }
    function bracket(code: Code): State | undefined {
      if (code !== LEFT_BRACKET) return nok(code);
      effects.consume(code);
      effects.exit('citationMarker');
      return inside;
    }
    function inside(code: Code): State | undefined {
      if (code === null || markdownLineEnding(code) || code === LEFT_BRACKET || code === AT || code === 94 /* ^ */ && !open) return nok(code);
      if (code === RIGHT_BRACKET) {
        if (!open) return nok(code);
        effects.exit('citationNarrativeLocator');
        effects.enter('citationMarker');
        effects.consume(code);
        effects.exit('citationMarker');
        return after;
      }
      if (!open) {
        effects.enter('citationNarrativeLocator');
        open = true;
      }
      effects.consume(code);
      return inside;
    }
    function after(code: Code): State | undefined {
      // `@key [text](url)` and `@key [label][ref]` are a citation followed by a link.
      if (code === 40 || code === LEFT_BRACKET) return nok(code);
      return ok(code);
    }
  },
};

/** The micromark syntax extension: add it to the processor's `micromarkExtensions`. */
export function citationSyntax(): Extension {
  return { text: { [LEFT_BRACKET]: bracketed, [AT]: narrative } };
}

interface Building {
  node: Citation;
  entry?: Partial<CitationEntry> & { rawPrefix?: string; rawSuffix?: string };
}

/** The mdast extension: one `citation` node per citation, its entries taken from the tokens. */
export function citationFromMarkdown(): FromMarkdownExtension {
  const stack: Building[] = [];
  const current = (): Building => stack[stack.length - 1];
  function open(this: CompileContext, token: Token, mode: Citation['mode']): void {
    const node: Citation = { type: 'citation', mode, entries: [], children: [] };
    stack.push({ node });
    this.enter(node as never, token);
  }
  function close(this: CompileContext, token: Token): void {
    stack.pop();
    this.exit(token);
  }
  return {
    enter: {
      citation(this: CompileContext, token: Token) {
        open.call(this, token, 'normal');
      },
      citationNarrative(this: CompileContext, token: Token) {
        open.call(this, token, 'narrative');
      },
      citationItem() {
        current().entry = {};
      },
    },
    exit: {
      citationPrefix(this: CompileContext, token: Token) {
        const entry = current().entry!;
        entry.rawPrefix = (entry.rawPrefix ?? '') + this.sliceSerialize(token);
      },
      citationSuffix(this: CompileContext, token: Token) {
        const entry = current().entry!;
        entry.rawSuffix = (entry.rawSuffix ?? '') + this.sliceSerialize(token);
      },
      citationLineEnding() {
        const building = current();
        if (!building?.entry) return;
        // A line break inside a citation is a space in its prefix or suffix.
        if (building.entry.key === undefined) building.entry.rawPrefix = (building.entry.rawPrefix ?? '') + ' ';
        else building.entry.rawSuffix = (building.entry.rawSuffix ?? '') + ' ';
      },
      citationKey(this: CompileContext, token: Token) {
        const entry = current().entry!;
        entry.key = (entry.key ?? '') + this.sliceSerialize(token);
        entry.keyPosition = { start: token.start, end: token.end };
      },
      citationNarrativeLocator(this: CompileContext, token: Token) {
        const building = current();
        const last = building.node.entries[building.node.entries.length - 1];
        Object.assign(last, splitLocator(this.sliceSerialize(token), { afterComma: false }));
      },
      citationItem() {
        const building = current();
        const raw = building.entry!;
        let prefix = (raw.rawPrefix ?? '').trimStart();
        let suppressAuthor = false;
        // `-@key`: the dash is the last character of the prefix (the tokenizer only lets `@` follow a dash at a word's start).
        if (prefix.endsWith('-') && (prefix.length === 1 || prefix.slice(0, -1).trimEnd() !== prefix.slice(0, -1))) {
          suppressAuthor = true;
          prefix = prefix.slice(0, -1);
        }
        const entry: CitationEntry = {
          key: raw.key ?? '',
          keyPosition: raw.keyPosition,
          prefix: prefix.trim() || undefined,
          suppressAuthor,
          ...splitLocator(raw.rawSuffix ?? '', { afterComma: true }),
        };
        building.node.entries.push(entry);
        building.entry = undefined;
      },
      citation: close,
      citationNarrative: close,
    },
  };
}
