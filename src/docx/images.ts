import { UserError } from '../util/problems.js';

/** An image ready for a Word run: its format, bytes and display size in pixels (at most the text width). */
export interface DocxImage {
  type: 'png' | 'jpg' | 'gif';
  data: Buffer;
  size: { width: number; height: number };
}

/** Text width of an A4 page with 2.5 cm margins, in CSS pixels (96 per inch). */
const MAX_WIDTH = 604;

/**
 * Reads an image the render pipeline embedded as a data URL (src/render/resources.ts has already
 * refused remote files and files outside the workspace). Word shows PNG, JPEG and GIF; anything else,
 * or a file whose header cannot be read, is bad input named by `place` (file:line:column).
 */
export function imageFromDataUrl(url: string, place: string): DocxImage {
  const match = /^data:([^;,]+)(;base64)?,/.exec(url);
  if (!match) throw new UserError(`${place}: image ${url.slice(0, 60)} cannot be embedded in the DOCX (it is not a file in the workspace)`);
  const data = match[2] ? Buffer.from(url.slice(match[0].length), 'base64') : Buffer.from(decodeURIComponent(url.slice(match[0].length)));
  const size = pixelSize(data);
  if (!size) throw new UserError(`${place}: image (${match[1]}) cannot be embedded in the DOCX: Word documents take PNG, JPEG or GIF images`);
  const scale = Math.min(1, MAX_WIDTH / size.width);
  return { type: size.type, data, size: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) } };
}

function pixelSize(data: Buffer): { type: DocxImage['type']; width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString('latin1', 12, 16) === 'IHDR') {
    return valid('png', data.readUInt32BE(16), data.readUInt32BE(20));
  }
  if (data.length >= 10 && data.toString('latin1', 0, 3) === 'GIF') return valid('gif', data.readUInt16LE(6), data.readUInt16LE(8));
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker, which holds the size.
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return undefined;
      const marker = data[offset + 1];
      const length = data.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return valid('jpg', data.readUInt16BE(offset + 7), data.readUInt16BE(offset + 5));
      }
      offset += 2 + length;
    }
  }
  return undefined;
}

function valid(type: DocxImage['type'], width: number, height: number): { type: DocxImage['type']; width: number; height: number } | undefined {
  return width > 0 && height > 0 ? { type, width, height } : undefined;
}
