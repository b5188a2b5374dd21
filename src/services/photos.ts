// Councillors' photos: uploaded by Democratic Services, checked to be a real JPEG, PNG or WebP image of a sensible
// size (never SVG, which can carry script), and served with the type that check found, never the uploader's.
// Every photo is re-encoded before it is stored, so nothing the camera or phone wrote into the file (EXIF with the
// GPS position where it was taken, the device, XMP, IPTC, comments) reaches the public.
import { imageSize } from 'image-size';
import { ValidationError } from '../errors.js';
import * as people from '../store/people.js';
import { unitOfWork, type Store } from './unit.js';
import type { Actor } from '../domain/types.js';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** The checked image type of an upload, or a ValidationError saying what is wrong with it. */
export function checkPhoto(bytes: Uint8Array, fileName = ''): { type: string; width: number; height: number } {
  const file = fileName ? `The file ${fileName}` : 'The file';
  if (!bytes.byteLength) throw new ValidationError(`${file} is empty`, 'photo');
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new ValidationError(`${file} is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB: a photo must be 2 MB or smaller`, 'photo');
  let found: { type?: string; width?: number; height?: number };
  try {
    found = imageSize(bytes);
  } catch {
    throw new ValidationError(`${file} is not a JPEG, PNG or WebP image`, 'photo');
  }
  const type = found.type ? TYPES[found.type] : undefined;
  if (!type) throw new ValidationError(`${file} is ${found.type ? `an image of type ${found.type.toUpperCase()}` : 'not an image'}: upload a JPEG, PNG or WebP photo`, 'photo');
  const { width = 0, height = 0 } = found;
  if (width < 100 || height < 100) throw new ValidationError(`${file} is ${width} × ${height} pixels: a photo must be at least 100 pixels wide and high`, 'photo');
  if (width > 6000 || height > 6000) throw new ValidationError(`${file} is ${width} × ${height} pixels: a photo must be at most 6,000 pixels wide and high`, 'photo');
  return { type, width, height };
}

/** The largest side a stored photo keeps: more than any page shows, a fraction of a camera's original. */
export const PHOTO_MAX_SIDE = 1200;

/**
 * The photo's pixels alone, in the type it was checked to be: turned upright as its EXIF orientation says, scaled
 * down to at most PHOTO_MAX_SIDE pixels, and re-encoded without any metadata (sharp keeps none unless asked).
 */
export async function cleanPhoto(bytes: Uint8Array, type: string, fileName = ''): Promise<Uint8Array> {
  // Loaded when a photo is uploaded: the native image library is needed by nothing else.
  const { default: sharp } = await import('sharp');
  const image = sharp(bytes, { failOn: 'error' }).rotate().resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  try {
    const out = type === 'image/png' ? image.png({ compressionLevel: 9 }) : type === 'image/webp' ? image.webp({ quality: 85 }) : image.jpeg({ quality: 85, mozjpeg: true });
    return new Uint8Array(await out.toBuffer());
  } catch {
    throw new ValidationError(`${fileName ? `The file ${fileName}` : 'The file'} is damaged and cannot be read as an image`, 'photo');
  }
}

const storePhoto = unitOfWork(async (tx, actor, personId: number, photo: { bytes: Uint8Array; type: string }) => people.setPersonPhoto(tx, actor, personId, photo));

/** Checks, cleans and stores a person's photo (replacing any earlier one; the old image stays in the record). */
export async function uploadPersonPhoto(store: Store, actor: Actor, personId: number, upload: { fileName: string; bytes: Uint8Array }): Promise<void> {
  const { type } = checkPhoto(upload.bytes, upload.fileName);
  // Re-encoded before the transaction opens: decoding a large photo must not hold the database.
  const bytes = await cleanPhoto(upload.bytes, type, upload.fileName);
  await storePhoto(store, actor, personId, { bytes, type });
}

export const removePersonPhoto = unitOfWork(async (tx, actor, personId: number) => people.setPersonPhoto(tx, actor, personId, null));

export { getPersonPhoto } from '../store/people.js';
