// A text layer of symbols (a PDF whose fonts map to no characters) is not text: the page is read by OCR instead.
import { describe, expect, it } from 'vitest';
import { readableText } from '../../../src/importer/read/readable.js';

describe('readableText', () => {
  it('takes prose, tables of figures and Welsh as text', () => {
    expect(readableText('HORSLEY PARISH COUNCIL Draft Minutes of the meeting held on 18 March 2014 at 7.30pm in the Village Hall')).toBe(true);
    expect(readableText('14/044 Finance J R Nicholson - parish clerk duties (Feb) £340.20 1,200.00 35.60 17.80')).toBe(true);
    expect(readableText('Cyngor Cymuned Manordeilo a Salem: cofnodion y cyfarfod a gynhaliwyd yn Ystafell Ddarllen Cwmifor')).toBe(true);
  });
  it('takes a text layer of symbols for no text', () => {
    // what pdftotext gives for a word-processor PDF whose fonts have no Unicode map
    expect(readableText(`"#& "#$ 6',8 /398+74,8.+2++8/3-.+1*43 8. '6). '8 52/38.+%/11'-+'11 6+7+38116')0+88 .'/62'3`)).toBe(false);
  });
  it('does not judge a line too short to tell', () => {
    expect(readableText('#$% &')).toBe(true);
  });
});
