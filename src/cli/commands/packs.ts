// `moot pack build` builds a meeting's agenda pack without publishing; `moot publish agenda` validates, builds
// and publishes both packs (public and confidential) as a new version.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { MootError } from '../../errors.js';
import { buildMeetingPack, checkAgenda, publishAgenda, publishSupplementary, PublicationError } from '../../services/publication/publish.js';
import { out, type CliContext } from '../context.js';

function printProblems(problems: { severity: string; where: string; message: string }[]): void {
  for (const p of problems) out(`${p.severity === 'error' ? 'error  ' : 'warning'} ${p.where}: ${p.message}`);
}

export function register(program: Command, context: () => CliContext): void {
  const pack = program.command('pack').description('agenda packs');
  pack
    .command('build')
    .description('build a meeting\'s agenda pack (PDF) without publishing it')
    .requiredOption('--meeting <id|slug>', 'the meeting (see `moot meetings`)')
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--confidential', 'the members\' pack, with exempt papers marked not for publication')
    .action(async (opts: { meeting: string; out: string; confidential?: boolean }) => {
      const store = await context().store();
      const built = await buildMeetingPack(store, opts.meeting, opts.confidential ? 'confidential' : 'public');
      try {
        await writeFile(opts.out, built.bytes);
      } catch (e) {
        throw new MootError(`cannot write ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      out(`Wrote ${opts.out}: ${built.pageCount} pages, ${built.bytes.byteLength} bytes, SHA-256 ${built.sha256}.`);
      for (const i of built.items) out(`  item ${i.code.padEnd(4)} pages ${i.startPage}–${i.endPage}`);
    });
  pack
    .command('check')
    .description('list the problems that would stop or warn about publishing a meeting\'s agenda')
    .requiredOption('--meeting <id|slug>', 'the meeting')
    .option('--late-reason <text>', 'the recorded reason for late publication')
    .action(async (opts: { meeting: string; lateReason?: string }) => {
      const problems = await checkAgenda(await context().store(), opts.meeting, { lateReason: opts.lateReason });
      printProblems(problems);
      out(problems.length ? `${problems.filter((p) => p.severity === 'error').length} errors, ${problems.filter((p) => p.severity === 'warning').length} warnings.` : 'No problems.');
    });

  const publish = program.command('publish').description('publish to the public record');
  publish
    .command('agenda')
    .description('validate, build and publish a meeting\'s agenda packs (a new version each time)')
    .requiredOption('--meeting <id|slug>', 'the meeting')
    .option('--late-reason <text>', 'why the agenda is published fewer than five clear working days before the meeting')
    .option('--supplementary <codes>', 'publish a supplementary pack for these "to follow" items (comma-separated codes)')
    .action(async (opts: { meeting: string; lateReason?: string; supplementary?: string }) => {
      const ctx = context();
      const store = await ctx.store();
      try {
        const result = opts.supplementary
          ? await publishSupplementary(store, ctx.actor, opts.meeting, opts.supplementary.split(',').map((s) => s.trim()).filter(Boolean), { lateReason: opts.lateReason })
          : await publishAgenda(store, ctx.actor, opts.meeting, { lateReason: opts.lateReason });
        printProblems(result.warnings);
        out(`Published ${opts.supplementary ? 'supplementary pack' : 'agenda'} version ${result.version} of ${result.slug}: public pack ${result.public.pageCount} pages, members' pack ${result.confidential.pageCount} pages.`);
      } catch (e) {
        if (e instanceof PublicationError) printProblems(e.problems.filter((p) => p.severity === 'error'));
        throw e;
      }
    });
}
