import { describe, expect, it } from 'vitest';
import { readSavedLocale, saveLocale } from '../../web/src/shared/i18n/locale-store.ts';
import { type MessageKey, messages, pick, translate } from '../../web/src/shared/i18n/messages.ts';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('the message dictionary', () => {
  it.each(Object.entries(messages))('%s has Chinese and English with the same placeholders', (_key, text) => {
    expect(text.zh.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(placeholders(text.zh)).toEqual(placeholders(text.en));
    expect(text.zh).toMatch(/[\u4E00-\u9FFF]|^[A-Za-z ]+$/); // Chinese, or a word deliberately left (e.g. "English")
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'editor.published', { version: 3 })).toBe('已发布为第 3 版');
    expect(translate('en', 'editor.published', { version: 3 })).toBe('Published as version 3');
    expect(translate('en', 'editor.published')).toBe('Published as version {version}');
  });

  it('names every role in both languages', () => {
    for (const role of ['platform_admin', 'province_admin', 'city_admin', 'assessor', 'auditor', 'viewer']) {
      expect(messages[`role.${role}` as MessageKey]).toBeDefined();
    }
  });

  it('picks one language of an API text, or passes a plain string through', () => {
    expect(pick({ zh: '中', en: 'en' }, 'en')).toBe('en');
    expect(pick('plain', 'zh')).toBe('plain');
  });
});

describe('the saved language', () => {
  it('is Chinese by default and remembers English', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    expect(readSavedLocale(storage)).toBe('zh');
    saveLocale(storage, 'en');
    expect(readSavedLocale(storage)).toBe('en');
    saveLocale(storage, 'zh');
    expect(readSavedLocale(storage)).toBe('zh');
  });

  it('falls back to Chinese when storage is blocked', () => {
    const blocked = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
    };
    expect(readSavedLocale(blocked)).toBe('zh');
    expect(readSavedLocale(undefined)).toBe('zh');
  });
});
