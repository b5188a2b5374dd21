// Formal Records of Decision: "DECISION NO. 11/01769", taken by ("DECISION TAKEN BY Cabinet 5 December
// 2011"), the subject line (after the classification), and optional extra fields.
import type { ExtractedDecision } from '../extraction.js';
import type { Line } from './normalise.js';
import { findDate } from './dates-times.js';

export interface DecisionDetail extends ExtractedDecision {
  line: number;
  classification: string | null;
  interests: string | null;
  reasons: string | null;
}

const NUMBER_LABEL = /\bdecision\s*(?:no|number|ref(?:erence)?)\b\.?\s*:?\s*/i;
const NUMBER = /\b(\d{2}\/\d{4,6})\b/;
const TAKER_LABEL = /\b(?:decision\s+taken\s+by|decision\s+taken|decision[- ]taker|decision[- ]maker|taken\s+by)\s*:?\s*/i;
const CLASSIFICATION = /^(?:unrestricted|restricted|exempt|confidential|key decision|non[- ]key decision|this is an? (?:unrestricted|exempt|restricted) record|classification\b)/i;
const ITEM_TAIL = /\s*\((?:item|report|mr|mrs|ms|miss|dr|cllr|councillor)\b.*$/i;

function takerAndDate(v: string): { takenBy: string | null; date: string | null } {
  const d = findDate(v);
  const text = d ? v.slice(0, d.index) : v;
  const takenBy = text.replace(NUMBER_LABEL, ' ').replace(/\b(?:on|[A-Z][a-z]+day)\s*,?\s*$/i, '').replace(/[\s,–—-]+$/, '').trim();
  return { takenBy: takenBy || null, date: d?.iso ?? null };
}

const LABELLED = /^[A-Z][A-Za-z ()'’/-]{1,40}:/;

/** Continuation lines of a wrapped labelled value: short, unlabelled, not a date, number or classification. */
function wrappedTail(lines: Line[], from: number): string {
  let tail = '';
  for (let j = from; j < Math.min(lines.length, from + 3); j++) {
    const n = lines[j].text;
    if (!n || n.length > 120 || LABELLED.test(n) || NUMBER_LABEL.test(n) || TAKER_LABEL.test(n) || NUMBER.test(n) || CLASSIFICATION.test(n) || findDate(n)) break;
    if (lines[j].cells.length > 1 || /[.;]$/.test(n)) break;
    tail += ` ${n}`;
  }
  return tail;
}

/** The value of an explicit "Subject:" label in the record's heading block, if it has one. */
function labelledSubject(lines: Line[], from: number): { text: string; line: number } | null {
  for (let k = from, seen = 0; k < lines.length && seen < 12; k++) {
    const s = lines[k].text;
    if (!s) continue;
    seen++;
    if (k > from && NUMBER_LABEL.test(s) && NUMBER.test(s)) break;
    if (s.length > 200) break; // the decision's text has begun
    const sub = /^(?:subject|title|decision title|subject matter)\s*:\s*(.+)$/i.exec(s);
    if (sub) return { text: sub[1], line: k };
  }
  return null;
}

export function parseDecisions(lines: Line[]): DecisionDetail[] {
  const out: DecisionDetail[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    const lab = NUMBER_LABEL.exec(t);
    if (!lab) continue;
    let num = NUMBER.exec(t.slice(lab.index));
    let numLine = i;
    for (let k = i + 1; !num && k < Math.min(lines.length, i + 4); k++) {
      if (!lines[k].text) continue;
      num = NUMBER.exec(lines[k].text);
      numLine = k;
      if (!num) break;
    }
    if (!num || seen.has(num[1])) continue;
    // the taker is on this line before the number label, or under a "DECISION TAKEN BY" label nearby
    let taker: { takenBy: string | null; date: string | null } = { takenBy: null, date: null };
    for (let k = Math.max(0, i - 4); k <= Math.min(lines.length - 1, numLine + 4); k++) {
      const tl = lines[k].text;
      if (k > numLine && NUMBER_LABEL.test(tl)) break;
      const tk = TAKER_LABEL.exec(tl);
      if (!tk) continue;
      let v = tl.slice(tk.index + tk[0].length);
      const cut = NUMBER_LABEL.exec(v);
      if (cut) v = v.slice(0, cut.index);
      let from = k;
      if (!v.trim()) {
        for (let j = k + 1; j < Math.min(lines.length, k + 3); j++) if (lines[j].text) { v = lines[j].text; from = j; break; }
      }
      // a taker's job title wrapped under its label: "Cabinet Member for Finance and Corporate" / "Resources"
      if (!findDate(v) && !cut) v += wrappedTail(lines, from + 1);
      taker = takerAndDate(v);
      break;
    }
    if (!taker.date) {
      for (let k = i; k < Math.min(lines.length, numLine + 12); k++) {
        const m = /^(?:date(?: of decision)?|decision date)\s*:?\s*(.+)$/i.exec(lines[k].text);
        if (m) { taker.date = findDate(m[1])?.iso ?? null; break; }
      }
    }
    // subject: a "Subject:" line, else the first line after the classification
    let subject: string | null = null;
    let classification: string | null = null;
    const labelled = labelledSubject(lines, numLine + 1);
    if (labelled) subject = labelled.text + wrappedTail(lines, labelled.line + 1);
    for (let k = numLine + 1; k < Math.min(lines.length, numLine + 12); k++) {
      const s = lines[k].text;
      if (!s) continue;
      const sub = /^(?:subject|title|decision title|subject matter)\s*:?\s*(.+)$/i.exec(s);
      if (sub) { subject ??= sub[1]; break; }
      if (CLASSIFICATION.test(s)) { classification = s.replace(/^classification\s*:?\s*/i, ''); continue; }
      // a wrapped classification sentence continues in lower case
      if (classification && /^[a-z]/.test(s)) { classification = `${classification} ${s}`; continue; }
      if (TAKER_LABEL.test(s) || /^(?:date|decision)\b/i.test(s) || NUMBER.test(s) && s.length < 20) continue;
      if (labelled) continue; // other header rows ("Key decision: Yes") before the labelled subject
      subject = s;
      // a wrapped subject continues on the next line(s) until a label, a bracketed aside or a blank
      for (let j = k + 1; j < Math.min(lines.length, k + 3) && s.length >= 60 && !/[.)]$/.test(subject); j++) {
        const n = lines[j].text;
        if (!n || /^\(|^[A-Z][A-Za-z ()]{1,40}:/.test(n) || CLASSIFICATION.test(n)) break;
        subject = `${subject} ${n}`;
        if (/\(/.test(n)) break;
      }
      break;
    }
    if (subject) subject = subject.replace(ITEM_TAIL, '').replace(/[.\s]+$/, '').trim() || null;
    let interests: string | null = null;
    let reasons: string | null = null;
    for (let k = numLine + 1; k < Math.min(lines.length, numLine + 120); k++) {
      const s = lines[k].text;
      if (k > numLine + 1 && NUMBER_LABEL.test(s)) break;
      if (!interests && /^any interests? declared/i.test(s)) {
        const tail = s.replace(/^any interests? declared(?:\s+when\s+the\s+decision\s+was\s+taken)?\s*:?\s*/i, '').trim();
        interests = tail || lines.slice(k + 1, k + 4).map((l) => l.text).find(Boolean) || null;
      }
      if (!reasons && /^reasons?\s*(?:\(s\))?\s*for\s+(?:the\s+)?decision/i.test(s)) {
        const tail = s.replace(/^reasons?\s*(?:\(s\))?\s*for\s+(?:the\s+)?decision[^:]*?information\s*:?\s*/i, '').trim();
        reasons = (tail && !/^reasons?/i.test(tail) ? tail : null) || lines.slice(k + 1, k + 4).map((l) => l.text).find(Boolean) || null;
      }
    }
    seen.add(num[1]);
    out.push({ number: num[1], takenBy: taker.takenBy, date: taker.date, subject, line: i, classification, interests, reasons });
  }
  return out;
}
