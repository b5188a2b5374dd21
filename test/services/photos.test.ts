// Councillors' photos lose everything but their pixels before they are stored: a phone's JPEG with its GPS position,
// make and orientation in EXIF is stored upright with no EXIF, XMP or comment left; a PNG's text chunks go too.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { cleanPhoto, PHOTO_MAX_SIDE, uploadPersonPhoto } from '../../src/services/photos.js';
import { createPerson, getPerson, getPersonPhoto } from '../../src/store/people.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

/** An EXIF block as a phone writes one (little-endian TIFF): Make, Orientation and a GPS position near Maidstone. */
function exifWithGps(orientation: number): Buffer {
  const t = Buffer.alloc(162);
  t.write('II', 0, 'ascii');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
    t.writeUInt16LE(tag, at);
    t.writeUInt16LE(type, at + 2);
    t.writeUInt32LE(count, at + 4);
    if (typeof value === 'string') t.write(value, at + 8, 'ascii');
    else if (type === 3) t.writeUInt16LE(value, at + 8);
    else t.writeUInt32LE(value, at + 8);
  };
  t.writeUInt16LE(3, 8); // IFD0: Make, Orientation, GPS IFD pointer
  entry(10, 0x010f, 2, 10, 50);
  entry(22, 0x0112, 3, 1, orientation);
  entry(34, 0x8825, 4, 1, 60);
  t.write('MootPhone\0', 50, 'ascii');
  t.writeUInt16LE(4, 60); // GPS IFD: latitude 51° 16' 12" N, longitude 0° 31' 12" E
  entry(62, 0x0001, 2, 2, 'N\0');
  entry(74, 0x0002, 5, 3, 114);
  entry(86, 0x0003, 2, 2, 'E\0');
  entry(98, 0x0004, 5, 3, 138);
  [[51, 1], [16, 1], [12, 1], [0, 1], [31, 1], [12, 1]].forEach(([n, d], i) => {
    t.writeUInt32LE(n, 114 + i * 8);
    t.writeUInt32LE(d, 118 + i * 8);
  });
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(2 + 6 + t.length, 2);
  return Buffer.concat([header, Buffer.from('Exif\0\0', 'ascii'), t]);
}

/** A landscape JPEG (300 × 200) carrying that EXIF block and a comment, as a camera would leave it. */
async function phoneJpeg(orientation = 6): Promise<Buffer> {
  const plain = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 2 + 19]), Buffer.from('Taken at 12 Acacia ', 'ascii')]);
  return Buffer.concat([plain.subarray(0, 2), exifWithGps(orientation), comment, plain.subarray(2)]);
}

describe('photo metadata', () => {
  it('the test photo really carries GPS EXIF before cleaning', async () => {
    const original = await phoneJpeg();
    const meta = await sharp(original).metadata();
    expect(meta.exif?.includes(Buffer.from('MootPhone'))).toBe(true);
    expect(meta.exif?.includes(Buffer.from([0x25, 0x88, 4, 0]))).toBe(true); // the GPS IFD pointer (tag 0x8825, LONG)
    expect(meta.orientation).toBe(6);
    expect(original.includes(Buffer.from('Acacia'))).toBe(true);
  });

  it('strips EXIF (GPS, make), comments and XMP from a JPEG and turns it upright', async () => {
    const original = await phoneJpeg(6);
    const clean = await cleanPhoto(original, 'image/jpeg');
    const meta = await sharp(clean).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([200, 300]); // orientation 6: rotated a quarter turn, then forgotten
    const bytes = Buffer.from(clean);
    for (const marker of ['Exif', 'MootPhone', 'Acacia', 'http://ns.adobe.com/xap']) expect(bytes.includes(Buffer.from(marker))).toBe(false);
  });

  it('strips a PNG\'s text and EXIF chunks and scales a huge photo down', async () => {
    const png = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 200, g: 30, b: 30 } } })
      .withExif({ IFD0: { Make: 'MootPhone', ImageDescription: 'Home address' } }).png().toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();
    const clean = Buffer.from(await cleanPhoto(png, 'image/png'));
    const meta = await sharp(clean).metadata();
    expect(meta.format).toBe('png');
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(PHOTO_MAX_SIDE);
    for (const chunk of ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'MootPhone']) expect(clean.includes(Buffer.from(chunk))).toBe(false);
  });
});

describe.each(STORE_KINDS)('uploading a photo on %s', (kind) => {
  const get = useTestStore(kind);
  it('stores the cleaned photo, never the uploaded bytes', async (ctx) => {
    const { store } = get(ctx);
    const id = await createPerson(store.db, SYSTEM_ACTOR, { kind: 'councillor', title: 'Mr', forenames: 'Kim', initials: 'K', surname: `Photo${kind}` });
    await uploadPersonPhoto(store, SYSTEM_ACTOR, id, { fileName: 'kim.jpg', bytes: await phoneJpeg() });
    const stored = (await getPersonPhoto(store.db, (await getPerson(store.db, id))!.slug))!;
    expect(stored.type).toBe('image/jpeg');
    expect((await sharp(Buffer.from(stored.bytes)).metadata()).exif).toBeUndefined();
    expect(Buffer.from(stored.bytes).includes(Buffer.from('MootPhone'))).toBe(false);
  });
});
