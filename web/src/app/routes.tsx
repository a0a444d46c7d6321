import { lazy, type ReactNode } from 'react';
import { HomePage } from '../features/home/home-page.tsx';
import { type Capability, can } from '../shared/auth/roles.ts';
import type { Session } from '../shared/auth/session.ts';
import type { NavItem } from '../shared/layout/app-layout.tsx';
import { matchRoute, type RouteParams } from '../shared/router/match-route.ts';

// The editor (CodeMirror + the rules language) and the city view are separate chunks, so the first
// page a person sees loads neither.
const RulesEditorPage = lazy(() =>
  import('../features/rules-editor/rules-editor-page.tsx').then((module) => ({
    default: module.RulesEditorPage,
  })),
);
const InheritedRulesPage = lazy(() =>
  import('../features/inherited-rules/inherited-rules-page.tsx').then((module) => ({
    default: module.InheritedRulesPage,
  })),
);
const RunsPage = lazy(() =>
  import('../features/runs/runs-page.tsx').then((module) => ({ default: module.RunsPage })),
);
const DataPage = lazy(() =>
  import('../features/data/data-page.tsx').then((module) => ({ default: module.DataPage })),
);

interface RouteDefinition {
  readonly path: string;
  /** Who may open it; absent = anyone signed in. */
  readonly needs?: Capability;
  readonly render: (session: Session, params: RouteParams) => ReactNode;
}

const routes: readonly RouteDefinition[] = [
  { path: '/', render: (session) => <HomePage session={session} /> },
  { path: '/rules', needs: 'rules.edit', render: (session) => <RulesEditorPage session={session} /> },
  {
    path: '/rules/:name',
    needs: 'rules.edit',
    render: (session, params) => <RulesEditorPage session={session} name={params.name} />,
  },
  {
    path: '/inherited',
    needs: 'rules.inherited',
    render: (session) => <InheritedRulesPage session={session} />,
  },
  { path: '/runs', needs: 'runs.read', render: (session) => <RunsPage session={session} /> },
  {
    path: '/runs/:id',
    needs: 'runs.read',
    render: (session, params) => <RunsPage session={session} runId={params.id} />,
  },
  {
    path: '/runs/:id/:subject',
    needs: 'runs.read',
    render: (session, params) => <RunsPage session={session} runId={params.id} subject={params.subject} />,
  },
  { path: '/data', needs: 'data.read', render: (session) => <DataPage session={session} /> },
];

export type Resolved =
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'page'; readonly element: ReactNode }
  | { readonly kind: 'not-found' };

/** What to show for `path`: the sign-in page when nobody is signed in; a page the role may not open is "not found". */
export function resolveRoute(path: string, session: Session | null): Resolved {
  if (path === '/sign-in' || session === null) return { kind: 'sign-in' };
  for (const route of routes) {
    const params = matchRoute(route.path, path);
    if (params === null) continue;
    if (route.needs !== undefined && !can(session.user.role, route.needs)) return { kind: 'not-found' };
    return { kind: 'page', element: route.render(session, params) };
  }
  return { kind: 'not-found' };
}

/** The navigation a role is offered. */
export function navFor(session: Session | null): readonly NavItem[] {
  if (session === null) return [];
  const { role } = session.user;
  const items: NavItem[] = [{ to: '/', label: 'nav.home' }];
  if (can(role, 'rules.edit')) items.push({ to: '/rules', label: 'nav.rules' });
  if (can(role, 'rules.inherited')) items.push({ to: '/inherited', label: 'nav.inherited' });
  if (can(role, 'runs.read')) items.push({ to: '/runs', label: 'nav.runs' });
  if (can(role, 'data.read')) items.push({ to: '/data', label: 'nav.data' });
  return items;
}
