// The demonstration council's address on the web. Its website in its theme (themes/example-county/theme.json,
// which `moot serve --demo` shows in the header and footer) is the one place the domain is written: the people's
// contact emails, the forward plan's contact, the webcasts and the mail From address are made from it here.
import { readFileSync } from 'node:fs';
import { DEMO_COUNCIL_NAME } from './wording.js';

/** The demo theme's settings file, beside src/ (and dist/) in the package. */
const THEME_JSON = new URL('../../themes/example-county/theme.json', import.meta.url);

/** The council's website, as its theme links it ("https://www.example-county.gov.uk/"). */
export const DEMO_WEBSITE: string = (JSON.parse(readFileSync(THEME_JSON, 'utf8')) as { website: { href: string } }).website.href;

/** The council's domain: the website's host without "www." ("example-county.gov.uk"). */
export const DEMO_DOMAIN = new URL(DEMO_WEBSITE).hostname.replace(/^www\./, '');

/** An address at the council ("democratic.services" gives democratic.services@example-county.gov.uk). */
export function demoEmail(local: string): string {
  return `${local}@${DEMO_DOMAIN}`;
}

/** Democratic Services' address, the contact for the forward plan and the sender of the demo's email. */
export const DEMO_DEMOCRATIC_SERVICES_EMAIL = demoEmail('democratic.services');

/** The From line of the email `moot serve --demo` sends when MAIL_FROM is not set. */
export const DEMO_MAIL_FROM = `${DEMO_COUNCIL_NAME} <${DEMO_DEMOCRATIC_SERVICES_EMAIL}>`;
