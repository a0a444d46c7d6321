import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

// A History-API router in a few lines: the console has a handful of flat routes, and the local server
// and CloudFront already answer unknown paths with index.html, so react-router would add weight and
// a lock-file entry for nothing we use.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentPath = (): string => window.location.pathname;

/** The current path; re-renders when it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

/** Goes to `path` (pushes a history entry unless `replace`) and moves focus to the main content. */
export function navigate(path: string, options: { readonly replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (options.replace === true) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { readonly to: string };

/** An ordinary link (keyboard, middle-click and "open in new tab" keep working) that routes in place. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
