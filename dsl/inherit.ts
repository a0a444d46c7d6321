import type * as A from './ast.ts';
import { type Diagnostic, diagnostic } from './diagnostics.ts';
import type { Model } from './model.ts';

/** The identity of an item for inheritance: two items with one key are the same item. */
export function itemKey(item: A.Item): string | undefined {
  switch (item.kind) {
    case 'field':
      return `field:${item.name.text}`;
    case 'dimension':
      return `dimension:${item.name.text}`;
    case 'indicator':
    case 'bonus':
    case 'deduction':
    case 'veto':
    case 'tolerance':
      return `rule:${item.name.text}`;
    case 'scale':
      return 'scale';
    case 'grades':
      return 'grades';
    case 'quota':
      return `quota:${item.grade.text}`;
    case 'categories':
    case 'allow':
    case 'test':
      return undefined;
    default: {
      const never: never = item;
      return never;
    }
  }
}

const markOf = (item: A.Item): A.Mark | undefined =>
  'mark' in item ? (item as { readonly mark?: A.Mark }).mark : undefined;

/**
 * Instantiates a city rule set over its parent: own items replace the parent's where the parent allows it
 * (open, or overridable within a range), are added where the parent allows extension, and are refused otherwise.
 */
export function mergeWithParent(parent: Model, own: readonly A.Item[], out: Diagnostic[]): A.Item[] {
  const merged: A.Item[] = parent.items.filter((i) => i.kind !== 'test' && i.kind !== 'allow');
  const index = new Map<string, number>();
  merged.forEach((item, i) => {
    const key = itemKey(item);
    if (key !== undefined) index.set(key, i);
  });
  for (const item of own) {
    const key = itemKey(item);
    if (item.kind === 'allow') continue;
    if (key === undefined) {
      merged.push(item);
      continue;
    }
    const at = index.get(key);
    if (at === undefined) {
      if (
        item.kind === 'indicator' ||
        item.kind === 'bonus' ||
        item.kind === 'deduction' ||
        item.kind === 'veto' ||
        item.kind === 'tolerance'
      ) {
        if (!parent.allow.has(item.kind)) {
          out.push(diagnostic('KP504', item.name.range, [item.kind]));
          continue;
        }
      } else if (item.kind === 'dimension' || item.kind === 'scale' || item.kind === 'grades') {
        out.push(diagnostic('KP504', item.range, [item.kind]));
        continue;
      }
      index.set(key, merged.length);
      merged.push(item);
      continue;
    }
    const previous = merged[at] as A.Item;
    const mark = markOf(previous);
    const label =
      item.kind === 'quota'
        ? item.grade.text
        : 'name' in item && item.name.kind === 'name'
          ? item.name.text
          : key;
    if (item.kind === 'field' || item.kind === 'veto') {
      out.push(diagnostic(item.kind === 'field' ? 'KP302' : 'KP502', item.range, [label]));
      continue;
    }
    if (mark === undefined || mark.kind === 'locked') {
      out.push(
        diagnostic('KP502', item.range, [label], {
          zh: '上级未开放此项',
          en: 'the parent did not open this item',
        }),
      );
      continue;
    }
    if (mark.kind === 'overridable') {
      const value =
        item.kind === 'dimension' ? item.weight : item.kind === 'indicator' ? item.weight : undefined;
      if (value !== undefined && (value.value < mark.min.value || value.value > mark.max.value)) {
        out.push(diagnostic('KP503', value.range, [label, `${mark.min.text}..${mark.max.text}`]));
        continue;
      }
    }
    // An overriding dimension keeps the parent's floor and mark: a city cannot lower a floor.
    if (item.kind === 'dimension' && previous.kind === 'dimension') {
      merged[at] = {
        ...item,
        ...(previous.floor ? { floor: previous.floor } : {}),
        ...(previous.mark ? { mark: previous.mark } : {}),
      };
    } else merged[at] = { ...item, ...(mark ? { mark } : {}) } as A.Item;
  }
  return merged;
}
