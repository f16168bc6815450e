// A small RFC 4180 reader, so that the test of the CSV download reads the
// file as a spreadsheet would: quoted fields may hold commas, quotes ("")
// and line breaks. It throws on malformed input instead of guessing.

/**
 * Parses CSV text into rows of string fields. Lines may end in CRLF or LF;
 * a final line break and a UTF-8 byte order mark are allowed.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  // Where we are: at the start of a field, inside an unquoted field, inside
  // a quoted one, or just after a quoted field's closing quote.
  let state = 'start';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
    state = 'start';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (state === 'quoted') {
      if (c !== '"') {
        field += c;
      } else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else {
        state = 'closed';
      }
      continue;
    }
    if (c === ',') {
      endField();
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      endRow();
    } else if (state === 'closed') {
      throw new Error(`CSV: unexpected ${JSON.stringify(c)} after a closing quote at offset ${i}`);
    } else if (c === '"') {
      if (state !== 'start') throw new Error(`CSV: quote inside an unquoted field at offset ${i}`);
      state = 'quoted';
    } else {
      field += c;
      state = 'plain';
    }
  }
  if (state === 'quoted') throw new Error('CSV: a quoted field is not closed');
  // A last line without a line break still counts.
  if (state !== 'start' || row.length > 0) endRow();
  return rows;
}
