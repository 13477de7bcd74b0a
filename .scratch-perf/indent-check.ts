import { indentBlock } from '../src/emit/serialize.js';
const cases = ['', 'a', 'a\n', 'a\nb', 'a\nb\n', '\n', 'a\n\nb\n', '\na', 'x\r\ny\n', 'a\u2028b\n', 'a\n ', ' a\n', 'a\n\n'];
for (const c of cases) for (const n of [0, 2, 4]) { const want = c.replace(/^(?=.)/gm, ' '.repeat(n)); if (indentBlock(c, n) !== want) console.log('BAD', JSON.stringify(c), n, JSON.stringify(indentBlock(c, n)), JSON.stringify(want)); }
console.log('done');
