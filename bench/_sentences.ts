// Report prose for the generated benchmark packs (a file beginning with _ is not a benchmark of its own).
export const SENTENCES = [
  'The directorate has continued to manage demand for services within the approved cash limit.',
  'Forecast spending on home to school transport has risen following an increase in eligible pupils since September.',
  'Savings from the review of office accommodation are on track and will be reported to Cabinet in the spring.',
  'The Committee is reminded that the capital programme is funded in part by prudential borrowing.',
  'Officers will continue to work with partners in the voluntary and community sector to deliver the strategy.',
  'Performance against the target for customer contact resolved at first point was 84 per cent in the quarter.',
  'A consultation with residents ran for eight weeks and received 1,412 responses, summarised in section 4.',
  'The risk register has been updated to reflect the latest assessment of supplier resilience.',
  'Members asked for further detail on the condition of unclassified roads in rural parishes.',
  'The Cabinet Member for Highways confirmed that the winter service plan had been agreed with the districts.',
];
