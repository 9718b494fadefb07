/**
 * Makes the example minutes as the archive holds them, from the texts in examples/sources:
 * - a PDF laid out as a PDF export is (lines wrapped with words hyphenated across them, a link cut in two,
 *   a running header, "Side N af M" at the foot of each page, bullets as "•"),
 * - a Word file (.docx), one paragraph per line of the text,
 * - a .txt saved as Windows-1252.
 * The PDF is written by hand (one standard font, WinAnsi encoding) and the .docx with jszip, which mammoth
 * already brings, so no office suite is needed. Run: node scripts/make-example-files.js
 */
const fs = require('node:fs');
const path = require('node:path');
const JSZip = require('jszip');

const EXAMPLES = path.join(__dirname, '..', 'examples');
const source = (name) => fs.readFileSync(path.join(EXAMPLES, 'sources', name), 'utf8');

/** Windows-1252: Latin-1 where they agree, and the few punctuation marks it puts in 0x80-0x9f. */
const CP1252_EXTRA = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97 };
function windows1252(text) {
  return Buffer.from(
    [...text].map((ch) => {
      if (CP1252_EXTRA[ch] !== undefined) return CP1252_EXTRA[ch];
      const code = ch.codePointAt(0);
      if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`no Windows-1252 byte for ${ch}`);
      return code;
    }),
  );
}

const WIDTH = 78;
/** Splits a long word the way a word processor might: after a vowel, leaving at least three letters each side. */
function hyphenate(word, room) {
  for (let cut = Math.min(room - 1, word.length - 3); cut >= 3; cut--) {
    if (/[aeiouyæøå]/i.test(word[cut - 1]) && /[a-zæøå]/i.test(word[cut]) && /^[a-zæøå]+$/i.test(word.slice(0, cut + 1))) {
      return [`${word.slice(0, cut)}-`, word.slice(cut)];
    }
  }
  return undefined;
}

/** Wraps a paragraph at WIDTH: long words are hyphenated, a link is cut where it runs out of room. */
function wrap(line) {
  const out = [];
  let current = '';
  const words = line.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const room = WIDTH - current.length - (current ? 1 : 0);
    if (word.length <= room) {
      current = current ? `${current} ${word}` : word;
      continue;
    }
    if (/^https?:/.test(word) && room > 20) {
      out.push(`${current} ${word.slice(0, room)}`);
      current = word.slice(room);
      continue;
    }
    const split = word.length >= 8 ? hyphenate(word, room) : undefined;
    if (split) {
      out.push(current ? `${current} ${split[0]}` : split[0]);
      current = split[1];
    } else {
      out.push(current);
      current = word;
    }
  }
  out.push(current);
  return out;
}

function pdfString(text) {
  const bytes = windows1252(text);
  let out = '';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `(${out})`;
}

function makePdf(text, header, linesPerPage) {
  const body = text.split('\n').flatMap((line) => (line.trim() === '' ? [''] : wrap(line)));
  const pages = [];
  for (let i = 0; i < body.length; i += linesPerPage) pages.push(body.slice(i, i + linesPerPage));
  const objects = [];
  const add = (content) => objects.push(content) && objects.length;
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageIds = [];
  pages.forEach((lines, n) => {
    const ops = ['BT', '/F1 9 Tf', `50 810 Td ${pdfString(header)} Tj`, 'ET', 'BT', '/F1 11 Tf', '14 TL', '50 780 Td'];
    for (const line of lines) ops.push(`${pdfString(line)} Tj T*`);
    ops.push('ET', 'BT', '/F1 9 Tf', `280 30 Td ${pdfString(`Side ${n + 1} af ${pages.length}`)} Tj`, 'ET');
    const stream = ops.join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    pageIds.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((content, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${content}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const xmlText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function makeDocx(text) {
  const zip = new JSZip();
  const date = new Date('2014-11-21T12:00:00Z');
  const file = (name, content) => zip.file(name, content, { date });
  file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const paragraphs = text
    .split('\n')
    .map((line) => (line === '' ? '<w:p/>' : `<w:p><w:r><w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`))
    .join('');
  file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main() {
  const pdfSource = source('referat-styregruppen-2019-03-14.txt');
  fs.writeFileSync(
    path.join(EXAMPLES, 'referat-styregruppen-2019-03-14.pdf'),
    makePdf(pdfSource, 'Rammeaftale Sjælland – referat af styregruppemøde 14. marts 2019', 38),
  );
  const wordSource = source('referat-styregruppen-2014-11-20.txt');
  fs.writeFileSync(path.join(EXAMPLES, 'referat-styregruppen-2014-11-20.docx'), await makeDocx(wordSource));
  fs.writeFileSync(path.join(EXAMPLES, 'referat-styregruppen-2014-11-20-windows-1252.txt'), windows1252(wordSource));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
