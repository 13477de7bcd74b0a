/**
 * A single line of progress on stderr (`validating: promtool on 12/80 files…`), redrawn in place,
 * while long work runs on a terminal. Nothing at all when stderr is a file or a pipe, so logs and
 * CI output hold the results only.
 */
export interface Progress {
  /** Replaces the line with `text`. */
  say(text: string): void;
  /** `verb done/total noun…`; redrawn at most ten times a second, and always at the last one. */
  count(verb: string, done: number, total: number, noun: string): void;
  /** Clears the line, before results are printed. */
  end(): void;
}

export function progress(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write' | 'columns'> = process.stderr): Progress {
  const on = Boolean(stream.isTTY);
  let shown = false;
  let last = 0;
  const draw = (text: string) => {
    const width = (stream.columns || 80) - 1;
    stream.write(`\r\u001b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = true;
  };
  return {
    say(text) {
      if (!on) return;
      last = Date.now();
      draw(text);
    },
    count(verb, done, total, noun) {
      if (!on) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      draw(`${verb} ${done}/${total} ${noun}…`);
    },
    end() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
