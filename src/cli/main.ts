// Placeholder entry; the real CLI is built in src/cli.
export async function main(_argv: string[]): Promise<void> {
  process.stdout.write('moot\n');
}
