import type { Locale } from './messages.ts';

const storageKey = 'kaoping.locale';

/** The saved interface language; Chinese unless the person chose English before. */
export function readSavedLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  try {
    return storage?.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage can be blocked (private mode); the default is fine
  }
}

export function saveLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: Locale): void {
  try {
    storage?.setItem(storageKey, locale);
  } catch {
    // Not persisting is acceptable: the switch still works for this visit.
  }
}
