// `moot user add` and `moot user list`: accounts from the command line, above all the first administrator.
import type { Command } from 'commander';
import { ROLES } from '../../domain/policy.js';
import { MootError, ValidationError } from '../../errors.js';
import { createUser, findUserByEmail, listUsers, newSecret, setUserPerson } from '../../services/accounts.js';
import { getPerson } from '../../services/people.js';
import { out, type CliContext } from '../context.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new MootError('--password-stdin reads the password from standard input, but it is a terminal', { hint: 'Pipe it in: printf %s "$PASSWORD" | moot user add … --password-stdin' });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (from echo or a here-string) is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Roles whose pages need the account's person, and what they cannot do without one. */
const PERSON_ROLES: Record<string, string> = {
  'report-author': 'they cannot draft reports (a report carries its author as the contact) until it is linked',
  councillor: 'they see no meetings or papers of their own until it is linked',
};

export function register(program: Command, context: () => CliContext): void {
  const user = program.command('user').description('manage user accounts');

  user
    .command('add')
    .description('add a user account (prints a one-time password unless --password-stdin is given)')
    .requiredOption('--email <email>', 'email address (the sign-in name)')
    .requiredOption('--name <name>', 'name shown in the service')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--person <slug>', 'the person in the record this account belongs to (a councillor), by page address name')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: { email: string; name: string; role: string; person?: string; passwordStdin?: boolean }) => {
      const ctx = context();
      const store = await ctx.store();
      let personId: number | null = null;
      if (opts.person) {
        const person = await getPerson(store.db, opts.person);
        if (!person) throw new MootError(`--person: there is no person "${opts.person}"`, { hint: 'Use the last part of their page address, e.g. jane-smith' });
        personId = person.id;
      }
      const given = opts.passwordStdin ? await readStdin() : null;
      const password = given ?? newSecret(12);
      try {
        await createUser(store.db, ctx.actor, { email: opts.email, displayName: opts.name, role: opts.role, personId, password });
      } catch (e) {
        if (e instanceof ValidationError) throw new MootError(`${e.field === 'password' ? 'the password from standard input: ' : e.field ? `--${e.field}: ` : ''}${e.message}`);
        throw e;
      }
      out(`Added ${opts.email.trim().toLowerCase()} as ${opts.role} (${store.description}).`);
      if (!given) out(`One-time password: ${password}\nIt is not shown again: give it to the user and ask them to change it after signing in.`);
      // A report author writes reports under their own name, a councillor reads their own papers: both need a person.
      if (!personId && PERSON_ROLES[opts.role]) {
        process.stderr.write(`moot: warning: ${opts.email.trim().toLowerCase()} is a ${opts.role} not linked to a person, so ${PERSON_ROLES[opts.role]}.\n`
          + `    fix: moot user link --email ${opts.email.trim().toLowerCase()} --person <their page address name, e.g. jane-smith>\n`);
      }
    });

  user
    .command('link')
    .description('link an account to its person in the record (a report author, a councillor)')
    .requiredOption('--email <email>', 'the account\'s email address')
    .requiredOption('--person <slug>', 'the person, by page address name')
    .action(async (opts: { email: string; person: string }) => {
      const ctx = context();
      const store = await ctx.store();
      const account = await findUserByEmail(store.db, opts.email.trim().toLowerCase());
      if (!account) throw new MootError(`--email: there is no account ${opts.email}`, { hint: 'moot user list shows the accounts' });
      const person = await getPerson(store.db, opts.person);
      if (!person) throw new MootError(`--person: there is no person "${opts.person}"`, { hint: 'Use the last part of their page address, e.g. jane-smith' });
      await setUserPerson(store.db, ctx.actor, account.id, person.id);
      out(`Linked ${account.email} to ${person.slug}.`);
    });

  user
    .command('list')
    .description('list user accounts')
    .action(async () => {
      const store = await context().store();
      const users = await listUsers(store.db);
      if (!users.length) out('No users yet. Add the first administrator with: moot user add --email … --name … --role administrator');
      for (const u of users) out(`${u.email}\t${u.role}\t${u.display_name}${u.disabled ? '\t(disabled)' : ''}${u.person_slug ? `\tperson: ${u.person_slug}` : ''}`);
    });
}
