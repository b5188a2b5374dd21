// Whether a page's text layer can be read: a PDF whose fonts carry no Unicode map (old word-processor exports, some
// scanners' "searchable" output) gives text that is all symbols ("6',8 /398+74,8.+2++8/3-.+1*43"). Such a page has
// no usable text: the importer reads it by OCR as it would a scanned image, or says why it cannot.

// a word, a number, or an abbreviation in capitals, with the punctuation printed around it
const TOKEN = /^[("'‘“[]?(?:[A-Za-zÀ-ÿŵŷŴŶ][a-zà-ÿŵŷ'’-]+|[A-Z]{2,}|\d+(?:[.,:/-]\d+)*|[A-Za-z])[.,;:)'"’”\]!?]*$/;

/** True unless the text is long enough to judge and fewer than a third of its tokens read as words or numbers. */
export function readableText(text: string): boolean {
  const tokens = text.split(/\s+/).filter(Boolean);
  let chars = 0;
  for (const t of tokens) chars += t.length;
  if (chars < 40) return true;
  // a third of the tokens reading as words settles it: the rest need not be looked at
  let words = 0;
  for (const t of tokens) if (TOKEN.test(t) && ++words * 3 >= tokens.length) return true;
  return false;
}
