// Checks the CSV reader the download test relies on, so that a wrong reader
// cannot hide a wrong file.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseCsv } from './csv.mjs';

test('reads plain rows with or without a final line break', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\n'), [['a', 'b'], ['1', '2']]);
  assert.deepEqual(parseCsv('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
});

test('keeps empty fields', () => {
  assert.deepEqual(parseCsv('id,value,unit\nx,,yuan\n'), [['id', 'value', 'unit'], ['x', '', 'yuan']]);
  assert.deepEqual(parseCsv('a,\n'), [['a', '']]);
});

test('reads quoted commas, quotes and line breaks', () => {
  const text = '\ufeffid,source\nq,"他说：""好,很好""\n第二行"\n';
  assert.deepEqual(parseCsv(text), [['id', 'source'], ['q', '他说："好,很好"\n第二行']]);
});

test('refuses malformed quoting', () => {
  assert.throws(() => parseCsv('a,"b\n'), /not closed/);
  assert.throws(() => parseCsv('a,"b"c\n'), /after a closing quote/);
  assert.throws(() => parseCsv('a,b"c"\n'), /inside an unquoted field/);
});
