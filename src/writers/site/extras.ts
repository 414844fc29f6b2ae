// The site's small root files: the icon (favicon.ico, which browsers ask for unbidden; no SVG, which the site
// never ships: src/io/assets.ts),
// llms.txt (llmstxt.org: what the site holds, for language-model tools) and .nojekyll (GitHub Pages serves
// the files as they are instead of running Jekyll over them).

/** The icon's picture: a "Q" ring with a tail, white on the link blue, as a function of a point in [0,1)². */
function iconPixel(x: number, y: number): [number, number, number, number] {
  const corner = 0.18;
  const dx = Math.max(corner - x, 0, x - (1 - corner));
  const dy = Math.max(corner - y, 0, y - (1 - corner));
  if (dx * dx + dy * dy > corner * corner) return [0, 0, 0, 0];
  const r = Math.hypot(x - 0.47, y - 0.47);
  const ring = r > 0.2 && r < 0.31;
  const tail = x > 0.55 && x < 0.82 && y > 0.55 && y < 0.82 && Math.abs(x - y) < 0.07;
  return ring || tail ? [255, 255, 255, 255] : [11, 92, 173, 255];
}

const ICON_SIZE = 32;

/** favicon.ico: one 32x32 32-bit BMP image (the ICO form every browser reads), drawn from iconPixel. */
export function faviconIco(): Uint8Array {
  const size = ICON_SIZE;
  const pixels = size * size * 4;
  const mask = size * 4; // one bit a pixel, rows padded to 4 bytes: all 0, the alpha channel decides
  const image = 40 + pixels + mask;
  const bytes = Buffer.alloc(6 + 16 + image);
  bytes.writeUInt16LE(1, 2); // type: icon
  bytes.writeUInt16LE(1, 4); // one image
  bytes.writeUInt8(size, 6);
  bytes.writeUInt8(size, 7);
  bytes.writeUInt16LE(1, 10); // colour planes
  bytes.writeUInt16LE(32, 12); // bits a pixel
  bytes.writeUInt32LE(image, 14);
  bytes.writeUInt32LE(22, 18); // where the image starts
  bytes.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  bytes.writeInt32LE(size, 26);
  bytes.writeInt32LE(size * 2, 30); // an icon's height counts the mask too
  bytes.writeUInt16LE(1, 34);
  bytes.writeUInt16LE(32, 36);
  bytes.writeUInt32LE(pixels + mask, 42);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const [r, g, b, a] = iconPixel((column + 0.5) / size, (size - 1 - row + 0.5) / size); // rows bottom-up
      bytes.set([b, g, r, a], 62 + (row * size + column) * 4);
    }
  }
  return new Uint8Array(bytes);
}

export interface LlmsEntry {
  title: string;
  href: string;
  note: string;
}

const markdownLink = (entry: LlmsEntry) => `- [${entry.title.replace(/[[\]\\]/g, '\\$&')}](${encodeURI(entry.href)})${entry.note ? `: ${entry.note}` : ''}`;

/** llms.txt in the llmstxt.org form: "# title", "> summary", then sections of links. */
export function llmsText(title: string, summary: string, sections: { heading: string; entries: LlmsEntry[] }[]): string {
  const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
  const parts = [`# ${flat(title)}`, `> ${flat(summary)}`];
  for (const section of sections) if (section.entries.length > 0) parts.push(`## ${section.heading}\n\n${section.entries.map(markdownLink).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}
