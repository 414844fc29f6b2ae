// Reading built outputs as a hostile reader would: every XML file of an EPUB through a strict XML parser,
// and every link target of every output.
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/** The errors of a strict, namespace-aware XML parser (saxes) on `text`; [] when it is well-formed. */
export function xmlErrors(text: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  return errors;
}

/** The XML files of an EPUB (XHTML pages, SVG, package and container documents) by name. */
export function epubXmlFiles(bytes: Uint8Array): Record<string, string> {
  const entries = unzipSync(bytes);
  return Object.fromEntries(
    Object.entries(entries)
      .filter(([name]) => /\.(xhtml|svg|opf|xml|ncx)$/.test(name))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
}

/** Every href, src and PDF /URI target in the text of an output (uncompressed: XML, HTML, JSON, CSV, PDF objects). */
export function linkTargets(text: string): string[] {
  const attributes = [...text.matchAll(/\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => m[1] ?? m[2] ?? '');
  const uris = [...text.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1]!);
  return [...attributes, ...uris].map((target) => target.replace(/&#x?[0-9a-f]+;|&\w+;/gi, decodeEntity));
}

function decodeEntity(entity: string): string {
  const hex = /^&#x([0-9a-f]+);$/i.exec(entity);
  const dec = /^&#(\d+);$/.exec(entity);
  if (hex) return String.fromCodePoint(parseInt(hex[1]!, 16));
  if (dec) return String.fromCodePoint(Number(dec[1]));
  return ({ '&amp;': '&', '&colon;': ':', '&quot;': '"', '&lt;': '<', '&gt;': '>' } as Record<string, string>)[entity] ?? entity;
}

/** Whether a link target would run script: `javascript:` in any spelling a browser accepts. */
export const isScriptUrl = (target: string) => /^[\s\u0000-\u001f]*j[\s\u0000-\u001f]*a[\s\u0000-\u001f]*v[\s\u0000-\u001f]*a[\s\u0000-\u001f]*s[\s\u0000-\u001f]*c[\s\u0000-\u001f]*r[\s\u0000-\u001f]*i[\s\u0000-\u001f]*p[\s\u0000-\u001f]*t[\s\u0000-\u001f]*:/i.test(target);
