// PostgreSQL's English stop words (tsearch_data/english.stop). PostgreSQL leaves them out of its index; SQLite's
// FTS5 keeps them, so the query parser drops them on both backends to make the two match the same entries.
const WORDS =
  'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it ' +
  'its itself they them their theirs themselves what which who whom this that these those am is are was were be been ' +
  'being have has had having do does did doing a an the and but if or because as until while of at by for with about ' +
  'against between into through during before after above below to from up down in out on off over under again ' +
  'further then once here there when where why how all any both each few more most other some such no nor not only ' +
  'own same so than too very s t can will just don should now';

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(' '));

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}
