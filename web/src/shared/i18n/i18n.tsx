import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { readSavedLocale, saveLocale } from './locale-store.ts';
import { type Locale, type MessageKey, type MessageParams, translate } from './messages.ts';

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n | null>(null);

const browserStorage = (): Storage | undefined =>
  typeof localStorage === 'undefined' ? undefined : localStorage;

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => readSavedLocale(browserStorage()));
  const setLocale = useCallback((next: Locale) => {
    saveLocale(browserStorage(), next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and the translator; every visible string goes through `t`. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n needs <I18nProvider> above it');
  return value;
}
