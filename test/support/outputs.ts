// Reading built outputs as a hostile reader would: every XML file of an EPUB through a strict XML parser,
// and every link target of every output.
import { strFromU8, unzipSync } from 'fflate';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
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

const LINK_ATTRIBUTE = /(?:^|:)(?:href|src|action|formaction|poster|data)$/i;

/**
 * Every link target of an output, read as its reader would: attributes of the elements of XML (saxes) or
 * HTML (parse5: deck fields, answer HTML), and the /URI actions of a PDF. Text that merely spells a link
 * (escaped markup) is not one.
 */
export function linkTargets(text: string, kind: 'xml' | 'html' | 'pdf'): string[] {
  if (kind === 'pdf') return [...text.matchAll(/\/URI\s*\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  const targets: string[] = [];
  if (kind === 'xml') {
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      for (const [name, value] of Object.entries(tag.attributes)) if (LINK_ATTRIBUTE.test(name)) targets.push(String(value));
    });
    parser.on('error', () => {});
    parser.write(text).close();
    return targets;
  }
  const visit = (node: DefaultTreeAdapterMap['node']) => {
    if ('attrs' in node) for (const attr of node.attrs) if (LINK_ATTRIBUTE.test(attr.name)) targets.push(attr.value);
    if ('childNodes' in node) node.childNodes.forEach(visit);
    if ('content' in node) visit(node.content as DefaultTreeAdapterMap['node']);
  };
  visit(parseFragment(text));
  return targets;
}

/** Whether a link target would run script: `javascript:` in any spelling a browser accepts. */
export const isScriptUrl = (target: string) => /^[\s\u0000-\u001f]*j[\s\u0000-\u001f]*a[\s\u0000-\u001f]*v[\s\u0000-\u001f]*a[\s\u0000-\u001f]*s[\s\u0000-\u001f]*c[\s\u0000-\u001f]*r[\s\u0000-\u001f]*i[\s\u0000-\u001f]*p[\s\u0000-\u001f]*t[\s\u0000-\u001f]*:/i.test(target);
