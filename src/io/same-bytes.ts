/**
 * Whether a file holds exactly a given text, compared as bytes in two buffers reused from call to
 * call. Reading a 200-service out/ (150 MB) as strings to compare would leave as much again of
 * garbage on the heap, and a build's peak memory with it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

let expected = Buffer.alloc(64 * 1024);
let actual = Buffer.alloc(64 * 1024);

export function fileHoldsText(file: string, text: string): boolean {
  const size = Buffer.byteLength(text);
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).size !== size) return false;
    if (expected.length < size) {
      expected = Buffer.alloc(size * 2);
      actual = Buffer.alloc(size * 2);
    }
    expected.write(text, 0, 'utf8');
    let read = 0;
    while (read < size) {
      const n = readSync(fd, actual, read, size - read, read);
      if (n === 0) return false;
      read += n;
    }
    return expected.compare(actual, 0, size, 0, size) === 0;
  } finally {
    closeSync(fd);
  }
}
