// Small wording helpers the demo's reports, agendas, minutes and decisions share. A module of its own so the topic
// catalogue can use them without importing the report writer (which imports the catalogue's types).

/** The demonstration council's name: on its settings, and at the top of every paper the demo typesets. */
export const DEMO_COUNCIL_NAME = 'Example County Council';

/** A recommendation ("NOTE the report and AGREE the changes.") as the resolution words it: its verbs in lower case. */
export function resolvedAs(rec: string): string {
  return rec.replace(/\b(NOTE|AGREE|APPROVE|ENDORSE|RECOMMEND|COMMENT|DELEGATE|ADOPT|SET|PERMIT)\b/g, (w) => w.toLowerCase());
}

/** A sentence's opening word in lower case, to run it on inside another sentence. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
