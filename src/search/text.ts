// Search text in every script: one normalisation (case, accents, Arabic and Hebrew marks) and one tokeniser
// (Intl.Segmenter words, plus character bigrams for CJK), used alike for the index, the query and the highlighting.

/** Han, kana and Hangul: written without spaces (Korean with spaces, but particles glued to words), so bigrams too. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;

/**
 * Marks to drop after NFKD: combining accents (Latin, Greek, Cyrillic: script Inherited, as are the Arabic harakat),
 * Arabic tashkeel and Quranic marks, tatweel, Hebrew niqqud and cantillation. Marks of other scripts (Thai vowels,
 * Devanagari signs) are letters of their words and stay, as do the kana voicing marks (NFC recomposes them: ガ is not カ).
 */
const MARKS = /(?=\p{Mn})(?!\u3099|\u309a)[\p{Script=Inherited}\p{Script=Hebrew}\p{Script=Arabic}]|\u0640/gu;

/** Letters that fold to others for matching; NFKD leaves them alone. */
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  // Arabic: alef wasla to alef, alef maqsura to yeh, teh marbuta to heh (hamza forms of alef decompose under NFKD).
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'g');

/** The form of a piece of text that search compares: NFKD, accents and marks dropped, case folded, recomposed. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLDS[c]!)
    .normalize('NFC');
}

/**
 * `text` normalised, and for each code unit of the result the index in `text` of the character it came from: the
 * highlighter finds a term in the normalised text and marks the same characters of the original.
 */
export function normaliseWithMap(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = normalise(ch);
    folded += n;
    for (let k = 0; k < n.length; k++) from.push(i);
    i += ch.length;
  }
  from.push(text.length);
  return { folded, from };
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

/**
 * The Arabic article and the particles written onto it (و ف ب ك ل): "الارتباط" is also found as "ارتباط", and the
 * other way round, when at least three letters remain.
 */
const ARABIC_ARTICLE = /^(?:[وف]?[بك]?ال|[وف]?لل)(?=\p{Script=Arabic}{3})/u;

/**
 * Hebrew writes the article and the particles ו ש ה ב ל מ כ onto the word: "בתשלום" (in payment) is also found as
 * "תשלום", when at least three letters remain. A word that merely starts with such a letter gains a term, no harm.
 */
const HEBREW_PREFIX = /^(?:[וש][הבלמכ]?|[הבלמכ])(?=\p{Script=Hebrew}{3})/u;

export function isCjk(term: string): boolean {
  return CJK.test(term);
}

/**
 * The terms of a normalised text: the segmenter's words (dictionary words for Chinese, Japanese, Thai, Lao, Khmer,
 * Burmese), and for every run of CJK characters its bigrams, so that a word the dictionary splits otherwise in the
 * query and in the page still matches.
 */
export function terms(folded: string, locale: string): string[] {
  const out: string[] = [];
  for (const s of segmenter(locale).segment(folded)) {
    if (!s.isWordLike) continue;
    const word = s.segment;
    out.push(word);
    const article = ARABIC_ARTICLE.exec(word) ?? HEBREW_PREFIX.exec(word);
    if (article) out.push(word.slice(article[0].length));
    for (const run of word.match(CJK_RUN) ?? []) {
      const chars = Array.from(run);
      if (chars.length === 1 && run !== word) out.push(run);
      for (let k = 0; k + 1 < chars.length; k++) {
        const bigram = chars[k]! + chars[k + 1]!;
        if (bigram !== word) out.push(bigram);
      }
    }
  }
  return out;
}

/** Terms of a raw text: normalised, then segmented. */
export function tokenise(text: string, locale: string): string[] {
  return terms(normalise(text), locale);
}

/** Scripts written without spaces between words: a term is found inside a run of letters, not at a word's start. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

export function isUnspaced(term: string): boolean {
  return UNSPACED.test(term);
}
