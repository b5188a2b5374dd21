// People's names as councils print them: title + initials (or forenames) + surname, honours after a comma
// ("Mr R A Latchford, OBE"). Matching must treat "Mr P B Carter", "Mr P.B. Carter" and "P. B. Carter" as one person.

const TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'cllr', 'councillor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'rev', 'revd', 'canon'];
const HONOURS = /^(obe|mbe|cbe|kbe|dbe|td|jp|dl|qc|kc|frs|phd|bem|cvo|lvo|mvo|rd|vrd|ma|bsc|msc)$/i;

export interface PersonName {
  title: string | null;
  forenames: string | null;
  initials: string | null;
  surname: string;
  postNominals: string | null;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Splits a printed name into its parts. Never throws; an empty input gives an empty surname. */
export function parsePersonName(printed: string): PersonName {
  let text = printed.replace(/\s+/g, ' ').trim();
  const honours: string[] = [];
  // Honours after a comma, or trailing honour tokens.
  const commaParts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (commaParts.length > 1) {
    text = commaParts[0];
    for (const p of commaParts.slice(1)) honours.push(p);
  }
  let tokens = text.split(' ').filter(Boolean);
  while (tokens.length > 1 && HONOURS.test(tokens[tokens.length - 1].replace(/\./g, ''))) {
    honours.unshift(tokens.pop()!);
  }
  let title: string | null = null;
  if (tokens.length > 1 && TITLES.includes(tokens[0].replace(/\./g, '').toLowerCase())) {
    title = capitalise(tokens[0].replace(/\./g, '').toLowerCase());
    if (title === 'Councillor') title = 'Cllr';
    tokens = tokens.slice(1);
  }
  // "P.B." → "P", "B"
  const expanded: string[] = [];
  tokens.forEach((t, i) => {
    if (i < tokens.length - 1 && /^([A-Za-z]\.){2,}$/.test(t)) expanded.push(...t.split('.').filter(Boolean));
    else expanded.push(t);
  });
  const surname = expanded.length ? expanded[expanded.length - 1] : '';
  const given = expanded.slice(0, -1).map((t) => t.replace(/\.$/, ''));
  const allInitials = given.length > 0 && given.every((t) => /^[A-Za-z]$/.test(t));
  return {
    title,
    forenames: given.length && !allInitials ? given.join(' ') : null,
    initials: given.length ? given.map((t) => t.charAt(0).toUpperCase()).join(' ') : null,
    surname,
    postNominals: honours.length ? honours.join(', ') : null,
  };
}

/** Initials from forenames, as printed when none are recorded: "Roger Alan" gives "R A". */
export function initialsOf(forenames: string): string {
  return forenames.split(/\s+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase()).join(' ');
}

/** The name as a directory sorts it: "Latchford, Roger Alan" (forenames, else initials). */
export function sortablePersonName(n: Pick<PersonName, 'initials' | 'forenames' | 'surname'>): string {
  const given = n.forenames ?? n.initials;
  return given ? `${n.surname}, ${given}` : n.surname;
}

/** The name as a council prints it in lists: "Mr R A Latchford, OBE". */
export function formatPersonName(n: Pick<PersonName, 'title' | 'initials' | 'forenames' | 'surname' | 'postNominals'>, style: 'initials' | 'full' = 'initials'): string {
  const given = style === 'full' && n.forenames ? n.forenames : n.initials;
  const core = [n.title, given, n.surname].filter(Boolean).join(' ');
  return n.postNominals ? `${core}, ${n.postNominals}` : core;
}

/**
 * A key for matching the same person across documents: initials + surname, lower case, no punctuation,
 * title and honours dropped. "Mr P.B. Carter" and "Mr P B Carter" both give "p b carter".
 */
export function personMatchKey(printed: string): string {
  const n = parsePersonName(printed);
  const initials = n.initials ?? '';
  return `${initials} ${n.surname}`.toLowerCase().replace(/[^a-z\s'-]/g, '').replace(/\s+/g, ' ').trim();
}

/** Collapses case, punctuation and whitespace: for matching bodies and titles by name. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A body's name with the differences packs print for the same body set aside: case, punctuation, "the", "&"/"and",
 * and singular/plural or possessive word forms ("Children's Service Improvement Panel" and "Childrens Services
 * Improvement Panel" give the same key). Used only to suggest that two printed names are one body.
 */
export function looseBodyKey(name: string): string {
  return normaliseName(name.replace(/['’]s\b/gi, 's'))
    .split(' ')
    .filter((w) => w && !['the', 'of', 'and', 'for'].includes(w))
    .map((w) => (w.length > 3 ? w.replace(/(?:ies)$/, 'y').replace(/s$/, '') : w))
    .join(' ');
}

/**
 * How a council writes its members' names on its website, chosen in its settings. Kent writes "Mr K Hebden";
 * others write "Councillor Kim Hebden" or "Cllr Kim Hebden". The Councillor/Cllr styles apply to councillors only:
 * co-opted members and officers keep their own title.
 */
export const NAME_STYLES = ['title-initials', 'title-forenames', 'councillor-forenames', 'cllr-forenames'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];
export const DEFAULT_NAME_STYLE: NameStyle = 'title-initials';

export const NAME_STYLE_EXAMPLES: Record<NameStyle, string> = {
  'title-initials': 'Mr K Hebden',
  'title-forenames': 'Mr Kim Hebden',
  'councillor-forenames': 'Councillor Kim Hebden',
  'cllr-forenames': 'Cllr Kim Hebden',
};

export function isNameStyle(s: unknown): s is NameStyle {
  return typeof s === 'string' && (NAME_STYLES as readonly string[]).includes(s);
}

/** Courtesy titles a "Councillor"/"Cllr" prefix replaces; others (Dr, Sir, Revd) follow it ("Councillor Dr Ann Lee"). */
const COURTESY = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'cllr', 'councillor']);

/** A person's name in the council's chosen style. */
export function styledPersonName(n: Pick<PersonName, 'title' | 'initials' | 'forenames' | 'surname' | 'postNominals'>, kind: string, style: NameStyle): string {
  if (style === 'title-initials') return formatPersonName(n);
  if (style === 'title-forenames' || kind !== 'councillor') return formatPersonName(n, 'full');
  const prefix = style === 'councillor-forenames' ? 'Councillor' : 'Cllr';
  const ownTitle = n.title && !COURTESY.has(n.title.replace(/\./g, '').toLowerCase()) ? n.title : null;
  return formatPersonName({ ...n, title: ownTitle ? `${prefix} ${ownTitle}` : prefix }, 'full');
}
