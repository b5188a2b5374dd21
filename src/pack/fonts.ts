// The house font: Noto Sans, from an npm package (OFL), embedded and subsetted in every generated PDF so that every
// character of English and Welsh (ŵ ŷ â ê î ô û ï ë) survives, and readers need no font of their own.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function fontFile(dir: string, file: string): string {
  return require.resolve(`@expo-google-fonts/noto-sans/${dir}/${file}`);
}

export const FONT_FILES = {
  regular: fontFile('400Regular', 'NotoSans_400Regular.ttf'),
  bold: fontFile('700Bold', 'NotoSans_700Bold.ttf'),
  italic: fontFile('400Regular_Italic', 'NotoSans_400Regular_Italic.ttf'),
} as const;

const cache = new Map<string, Buffer>();

/** The bytes of a font file, read once per process. */
export function fontBytes(which: keyof typeof FONT_FILES): Buffer {
  let b = cache.get(which);
  if (!b) {
    b = readFileSync(FONT_FILES[which]);
    cache.set(which, b);
  }
  return b;
}
