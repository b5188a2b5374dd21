// Small pieces of the parser: dates, times, names, titles.
import { describe, expect, it } from 'vitest';
import { parseDate, parseTime } from '../../../src/importer/text/dates-times.js';
import { splitNames, isNameLike } from '../../../src/importer/text/names.js';
import { cutAtColon, readItemText, followsOn } from '../../../src/importer/text/agenda.js';
import { titleCase } from '../../../src/importer/text/meeting.js';
import { cleanPages } from '../../../src/importer/text/normalise.js';

describe('dates and times', () => {
  it.each([
    ['Monday, 9th January, 2012, at 10.00 am', '2012-01-09'],
    ['Tuesday, 14th March, 2017', '2017-03-14'],
    ['14.03.17', '2017-03-14'],
    ['14/03/2017', '2017-03-14'],
    ['2017-03-14', '2017-03-14'],
    ['March 14, 2017', '2017-03-14'],
    ['w/e 10.06.12', '2012-06-10'],
    ['31 February 2017', null],
    ['no date here', null],
  ])('parseDate(%s)', (s, want) => expect(parseDate(s)).toBe(want));
  it.each([
    ['at 10.00 am', '10:00'],
    ['7.00pm', '19:00'],
    ['10am', '10:00'],
    ['14:00', '14:00'],
    ['2.30 p.m.', '14:30'],
    ['12 noon', '12:00'],
    ['12.15am', '00:15'],
    ['2 amendments', null],
  ])('parseTime(%s)', (s, want) => expect(parseTime(s)).toBe(want));
});

describe('names', () => {
  it('splits lists, dropping honours and asides', () => {
    expect(splitNames('Mr P B Carter (Chairman), Mr A J King, MBE, Mr R L H Long, TD and Mrs J Whittle'))
      .toEqual(['Mr P B Carter', 'Mr A J King', 'Mr R L H Long', 'Mrs J Whittle']);
  });
  it('carries "Cllrs" to bare surnames and keeps "County Cllr"', () => {
    expect(splitNames('Cllrs Hayward (in the chair), Hillard, County Cllr Webb & the Clerk.'))
      .toEqual(['Cllr Hayward', 'Cllr Hillard', 'County Cllr Webb']);
  });
  it('separates names run together without a comma', () => {
    expect(splitNames("Mr A Wood (Director) Mrs L O'Reily (representing X) and Mr G Mills"))
      .toEqual(['Mr A Wood', "Mrs L O'Reily", 'Mr G Mills']);
  });
  it('rejects job titles and sentences', () => {
    expect(isNameLike('the Clerk')).toBe(false);
    expect(isNameLike('Democratic Services')).toBe(false);
    expect(isNameLike('Jennifer Maiden-Brooks')).toBe(true);
  });
});

describe('agenda titles', () => {
  it('reads page ranges and to-follow marks', () => {
    expect(readItemText('Minutes of the Meeting held on 5 December 2011 (Pages 1 - 14)')).toMatchObject({ title: 'Minutes of the Meeting held on 5 December 2011', pages: [1, 14], toFollow: false });
    expect(readItemText('Approval of the Annual Governance Statement (To follow)')).toMatchObject({ pages: null, toFollow: true });
    expect(readItemText('Budget (Page 5)').pages).toEqual([5, 5]);
  });
  it('cuts prose after a colon but keeps subtitles', () => {
    expect(cutAtColon('Police Report: Attached. Farm break-ins.')).toBe('Police Report');
    expect(cutAtColon('Accounts for payment:-')).toBe('Accounts for payment');
    expect(cutAtColon('Updates:A466 Road Closure')).toBe('Updates');
    expect(cutAtColon('Select Committee: Dementia - A New Stage in Life')).toBe('Select Committee: Dementia - A New Stage in Life');
  });
  it('follows numbering, tolerating small gaps and new sections', () => {
    expect(followsOn('3', '4')).toBe(true);
    expect(followsOn('3', '5')).toBe(true);
    expect(followsOn('9', '1')).toBe(false);
    expect(followsOn('A5', 'B1')).toBe(true);
    expect(followsOn('2716', 'A466')).toBe(false);
  });
  it('title-cases shouted headings only', () => {
    expect(titleCase('POLICY AND RESOURCES CABINET COMMITTEE')).toBe('Policy and Resources Cabinet Committee');
    expect(titleCase("Children's Services")).toBe("Children's Services");
  });
});

describe('normalising', () => {
  it('drops page furniture and markup and splits glued headings', () => {
    const { lines, breaks } = cleanPages(['UNRESTRICTED ITEMS**35. Minutes**\nPage 17\nThis page is intentionally left blank\n<p>(1) Text</p>']);
    expect(lines.map((l) => l.text)).toEqual(['UNRESTRICTED ITEMS', '35. Minutes', '(1) Text']);
    expect(lines[0].printedPage).toBe(17);
    expect(breaks.size).toBe(1);
  });
  it('rejoins a superscript ordinal put on its own line', () => {
    const { lines } = cleanPages(['held on Monday 24\nth\nJune 2019 at 7.00pm']);
    expect(lines[0].text).toBe('held on Monday 24th June 2019 at 7.00pm');
  });
});
