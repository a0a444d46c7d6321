import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import { rulesLanguageSupport } from './rules-language-support.ts';

export interface CodeEditorHandle {
  readonly view: () => EditorView | null;
  /** Puts the cursor at 1-based line/column, scrolls there and focuses the editor. */
  readonly goTo: (line: number, column: number) => void;
}

interface CodeEditorProps {
  readonly value: string;
  readonly onChange?: (value: string) => void;
  readonly readOnly?: boolean;
  /** Extra behaviour (lint, completion, hover); replaced in place when it changes. */
  readonly extensions?: Extension;
  readonly label: string;
  readonly minHeight?: number;
  /** A fixed height (any CSS length) makes the editor scroll inside itself, like an IDE pane. */
  readonly height?: string;
  /** Grow with the text up to this height, then scroll inside. */
  readonly maxHeight?: string;
  readonly ref?: Ref<CodeEditorHandle>;
}

const theme = EditorView.theme({
  '&': { border: '1px solid #d9d9d9', borderRadius: '6px', fontSize: '14px', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '2px solid #91caff', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--kp-mono)', lineHeight: '1.6' },
  '.cm-gutters': { backgroundColor: '#fafafa', borderRight: '1px solid #f0f0f0' },
});

/** CodeMirror 6 with the rules language; the document is controlled by `value` / `onChange`. */
export function CodeEditor({
  value,
  onChange,
  readOnly = false,
  extensions,
  label,
  minHeight = 240,
  height,
  maxHeight,
  ref,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const extra = useRef(new Compartment());

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is created once; later props flow in below
  useEffect(() => {
    if (host.current === null) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          history(),
          indentOnInput(),
          bracketMatching(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          rulesLanguageSupport(),
          theme,
          EditorView.theme({
            '.cm-content, .cm-gutter': { minHeight: `${minHeight}px` },
            '&': {
              ...(height === undefined ? {} : { height }),
              ...(maxHeight === undefined ? {} : { maxHeight }),
            },
            '.cm-scroller': { overflow: 'auto' },
          }),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
          extra.current.of(extensions ?? []),
        ],
      }),
    });
    view.current = created;
    // Line heights measured before the CJK font arrived would misalign the line numbers; measure again.
    void document.fonts?.ready.then(() => created.requestMeasure());
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  // A value set from outside (load, format, conflict resolution) replaces the document.
  useEffect(() => {
    const current = view.current;
    if (current === null || current.state.doc.toString() === value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: extra.current.reconfigure(extensions ?? []) });
  }, [extensions]);

  useImperativeHandle(
    ref,
    () => ({
      view: () => view.current,
      goTo: (line, column) => {
        const current = view.current;
        if (current === null) return;
        const doc = current.state.doc;
        const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
        const anchor = Math.min(target.from + Math.max(column - 1, 0), target.to);
        current.dispatch({ selection: { anchor }, scrollIntoView: true });
        current.focus();
      },
    }),
    [],
  );

  return <div ref={host} />;
}
