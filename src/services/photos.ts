// Councillors' photos: uploaded by Democratic Services, checked to be a real JPEG, PNG or WebP image of a sensible
// size (never SVG, which can carry script), and served with the type that check found, never the uploader's.
import { imageSize } from 'image-size';
import { ValidationError } from '../errors.js';
import * as people from '../store/people.js';
import { unitOfWork } from './unit.js';

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

/** Checks and stores a person's photo (replacing any earlier one; the old image stays in the record). */
export const uploadPersonPhoto = unitOfWork(async (tx, actor, personId: number, upload: { fileName: string; bytes: Uint8Array }) => {
  const { type } = checkPhoto(upload.bytes, upload.fileName);
  await people.setPersonPhoto(tx, actor, personId, { bytes: upload.bytes, type });
});

export const removePersonPhoto = unitOfWork(async (tx, actor, personId: number) => people.setPersonPhoto(tx, actor, personId, null));

export { getPersonPhoto } from '../store/people.js';
