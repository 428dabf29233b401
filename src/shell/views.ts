// EJS templates, compiled once at start-up; a page is rendered into the one layout.
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

export type Template = (locals: object) => string;

export interface Views {
  render(name: string, locals: object): string;
}

export function loadViews(viewsDir: string): Views {
  const compiled = new Map<string, Template>();
  const compile = (name: string): Template => {
    let template = compiled.get(name);
    if (!template) {
      const filename = path.join(viewsDir, `${name}.ejs`);
      template = ejs.compile(fs.readFileSync(filename, 'utf8'), {
        filename,
        root: viewsDir,
        views: [viewsDir],
        strict: true,
        localsName: 'locals',
        cache: true,
        rmWhitespace: false,
      });
      compiled.set(name, template);
    }
    return template;
  };
  return { render: (name, locals) => compile(name)(locals) };
}
