import { describe, expect, it } from 'vitest';
import { initialScripts } from '../bench/web.bench.ts';

describe('initialScripts', () => {
  it('counts the entry module and its modulepreloads, not lazy chunks or styles', () => {
    const html = `<!doctype html><head>
      <script type="module" crossorigin src="/assets/index-a1.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/shared-b2.js">
      <link rel="stylesheet" href="/assets/index-c3.css">
    </head><body><div id="root"></div></body>`;
    expect(initialScripts(html)).toEqual(['/assets/index-a1.js', '/assets/shared-b2.js']);
  });
});
