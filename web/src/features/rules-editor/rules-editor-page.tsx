import { setDiagnostics } from '@codemirror/lint';
import { App, Button, Col, Row, Select, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { type CompileOptions, format, runTests, type TestReport } from '../../../../dsl/index.ts';
import { type ApiProblem, asProblem } from '../../shared/api/api-problem.ts';
import { useQuery } from '../../shared/api/use-query.ts';
import { can } from '../../shared/auth/roles.ts';
import type { Session } from '../../shared/auth/session.ts';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { navigate } from '../../shared/router/router.tsx';
import { CodeEditor, type CodeEditorHandle } from '../../shared/rules-language/code-editor.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { ConflictPanel } from './conflict-panel.tsx';
import { DiagnosticsPanel } from './diagnostics-panel.tsx';
import { DryRunPanel } from './dry-run-panel.tsx';
import { rulesEditorExtensions, toEditorDiagnostics } from './editor-extensions.ts';
import { fetchCatalogSource, listRuleSets, publishDraft } from './rule-set-api.ts';
import { type Analysis, analyse } from './rules-analysis.ts';
import { sourceLineFrom } from './source-line.ts';
import { TestReportPanel } from './test-report-panel.tsx';
import { type DraftDocument, useDraftDocument } from './use-draft-document.ts';
import { VersionsPanel } from './versions-panel.tsx';
import { WeightPanel } from './weight-panel.tsx';
import { compiledWeights, typedWeights } from './weights.ts';

interface RulesEditorPageProps {
  readonly session: Session;
  readonly name?: string | undefined;
}

/** A province admin's rule-set editor: write, check as you type, format, test, save, publish, compare versions. */
export function RulesEditorPage({ session, name }: RulesEditorPageProps) {
  const { t } = useI18n();
  const ruleSets = useQuery((signal) => listRuleSets(signal), []);

  useEffect(() => {
    if (name === undefined && ruleSets.status === 'ready' && ruleSets.data[0] !== undefined) {
      navigate(`/rules/${encodeURIComponent(ruleSets.data[0].id)}`, { replace: true });
    }
  }, [name, ruleSets]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('editor.title', { name: name ?? '' })}
        </Typography.Title>
        {ruleSets.status === 'ready' && ruleSets.data.length > 1 ? (
          <Select
            aria-label={t('editor.choose')}
            style={{ minWidth: 220 }}
            {...(name === undefined ? {} : { value: name })}
            onChange={(next: string) => navigate(`/rules/${encodeURIComponent(next)}`)}
            options={ruleSets.data.map((ruleSet) => ({ value: ruleSet.id, label: ruleSet.id }))}
          />
        ) : null}
      </Space>
      {ruleSets.status === 'failed' ? (
        <ProblemAlert problem={ruleSets.problem} onRetry={ruleSets.reload} />
      ) : null}
      {name === undefined ? null : <DraftEditor key={name} id={name} session={session} />}
    </Space>
  );
}

function DraftEditor({ id, session }: { readonly id: string; readonly session: Session }) {
  const { t } = useI18n();
  const document = useDraftDocument(id);
  const usesCatalog = document.status === 'ready' && document.base.useCatalog === true;
  const catalog = useQuery(
    (signal) => (usesCatalog ? fetchCatalogSource(signal) : Promise.resolve(null)),
    [usesCatalog],
  );
  const catalogSource = catalog.status === 'ready' ? catalog.data : null;
  const options = useMemo<CompileOptions>(
    () => (catalogSource === null ? {} : { catalog: catalogSource }),
    [catalogSource],
  );
  if (document.status === 'loading' || catalog.status === 'loading')
    return <Spin description={t('editor.loading')} />;
  if (document.status === 'failed')
    return <ProblemAlert problem={document.problem} onRetry={document.retry} />;
  if (catalog.status === 'failed') return <ProblemAlert problem={catalog.problem} onRetry={catalog.reload} />;
  return <LoadedEditor id={id} session={session} document={document} options={options} />;
}

type ReadyDocument = Extract<DraftDocument, { status: 'ready' }>;

function LoadedEditor({
  id,
  session,
  document,
  options,
}: {
  readonly id: string;
  readonly session: Session;
  readonly document: ReadyDocument;
  /** The stored catalog, for a rule set that compiles against it. */
  readonly options: CompileOptions;
}) {
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const editor = useRef<CodeEditorHandle>(null);
  const deferredSource = useDeferredValue(document.source);
  const analysis = useMemo<Analysis>(() => analyse(deferredSource, options), [deferredSource, options]);
  const lastGood = useRef(analysis.ruleSet);
  if (analysis.ruleSet !== null) lastGood.current = analysis.ruleSet;
  const [tests, setTests] = useState<{
    readonly source: string;
    readonly report: TestReport;
    readonly run: number;
  } | null>(null);
  const [tab, setTab] = useState('diagnostics');
  const [publishing, setPublishing] = useState(false);
  const [publishProblem, setPublishProblem] = useState<ApiProblem | null>(null);
  const [versionsKey, setVersionsKey] = useState(0);

  // The completion and hover sources read the latest analysis through refs, so the extension is built once.
  const live = useRef({ analysis, locale });
  live.current = { analysis, locale };
  const extensions = useMemo(
    () =>
      rulesEditorExtensions({
        ruleSet: () => lastGood.current,
        source: () => live.current.analysis.source,
        locale: () => live.current.locale,
      }),
    [],
  );

  useEffect(() => {
    const view = editor.current?.view();
    if (view === null || view === undefined || view.state.doc.toString() !== analysis.source) return;
    view.dispatch(
      setDiagnostics(view.state, toEditorDiagnostics(view.state.doc, analysis.diagnostics, locale)),
    );
  }, [analysis, locale]);

  const checking = deferredSource !== document.source;
  const testsCurrent = tests !== null && tests.source === document.source;
  const testsPass = testsCurrent && tests.report.failed === 0;
  const mayPublish = can(session.user.role, 'rules.publish');
  const publishBlock = !mayPublish
    ? t('editor.publishNotAllowed')
    : analysis.errors > 0
      ? t('editor.publishBlocked.errors', { count: analysis.errors })
      : !testsPass
        ? t('editor.publishBlocked.tests')
        : document.dirty
          ? t('editor.publishBlocked.unsaved')
          : null;

  const jump = (line: number, column: number): void => editor.current?.goTo(line, column);

  // `?line=12&column=3` (from a result's explanation) opens the editor at that rule's line.
  useEffect(() => {
    const target = sourceLineFrom(window.location.search);
    if (target !== null) editor.current?.goTo(target.line, target.column);
  }, []);

  const runFileTests = (): void => {
    const current = analyse(document.source, options);
    setTab('tests');
    if (current.ruleSet === null) {
      setTests(null);
      void message.error(t('tests.cannotRun'));
      return;
    }
    const report = runTests(current.ruleSet);
    setTests((previous) => ({ source: document.source, report, run: (previous?.run ?? 0) + 1 }));
  };

  const formatSource = (): void => {
    const formatted = format(document.source);
    if (formatted.ok) document.setSource(formatted.text);
    else void message.error(t('editor.formatFailed'));
  };

  const save = async (): Promise<void> => {
    const saved = await document.save();
    if (saved !== null) void message.success(t('editor.savedAt', { revision: saved.revision }));
  };

  const publish = async (): Promise<void> => {
    setPublishing(true);
    setPublishProblem(null);
    try {
      const version = await publishDraft(id, document.base.revision);
      document.replaceBase({ ...document.base, headVersion: version.version, headHash: version.hash });
      setVersionsKey((key) => key + 1);
      void message.success(t('editor.published', { version: version.version }));
    } catch (error) {
      setPublishProblem(asProblem(error));
    } finally {
      setPublishing(false);
    }
  };

  const publishButton = mayPublish ? (
    <Tooltip title={publishBlock}>
      <Button
        type="primary"
        onClick={() => void publish()}
        loading={publishing}
        disabled={publishBlock !== null}
      >
        {publishing ? t('editor.publishing') : t('editor.publish')}
      </Button>
    </Tooltip>
  ) : null;

  const weightRows =
    analysis.ruleSet !== null ? compiledWeights(analysis.ruleSet) : typedWeights(document.source);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Tag>{t('editor.revision', { revision: document.base.revision })}</Tag>
        {document.base.headVersion > 0 ? (
          <Tag color="blue">{`${t('versions.version')} ${document.base.headVersion}`}</Tag>
        ) : null}
        {document.dirty ? (
          <Tag color="orange">{t('editor.unsaved')}</Tag>
        ) : (
          <Tag color="green">{t('editor.saved')}</Tag>
        )}
        <Typography.Text type={analysis.errors > 0 ? 'danger' : 'secondary'} role="status" aria-live="polite">
          {checking
            ? '…'
            : t('diagnostics.summary', { errors: analysis.errors, warnings: analysis.warnings })}
        </Typography.Text>
      </Space>
      <Space wrap>
        <Button onClick={formatSource}>{t('editor.format')}</Button>
        <Button
          onClick={() => void save()}
          loading={document.saving}
          disabled={!document.dirty || document.conflict !== null}
        >
          {document.saving ? t('editor.saving') : t('editor.save')}
        </Button>
        <Button onClick={runFileTests}>{t('editor.runTests')}</Button>
        {publishButton}
        {publishBlock !== null && mayPublish ? (
          <Typography.Text type="secondary">{publishBlock}</Typography.Text>
        ) : null}
      </Space>
      {document.saveProblem !== null ? <ProblemAlert problem={document.saveProblem} /> : null}
      {publishProblem !== null ? <ProblemAlert problem={publishProblem} /> : null}
      {document.conflict !== null ? (
        <ConflictPanel
          theirs={document.conflict}
          mine={document.source}
          onTakeTheirs={document.takeTheirs}
          onKeepMine={document.keepMine}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <CodeEditor
            ref={editor}
            value={document.source}
            onChange={document.setSource}
            extensions={extensions}
            label={t('editor.source')}
            height="max(420px, calc(100vh - 230px))"
          />
        </Col>
        <Col xs={24} xl={10}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'diagnostics',
                label: `${t('diagnostics.title')} (${analysis.diagnostics.length})`,
                children: <DiagnosticsPanel diagnostics={analysis.diagnostics} onJump={jump} />,
              },
              {
                key: 'weights',
                label: t('weights.title'),
                children: (
                  <WeightPanel rows={weightRows} origin={analysis.ruleSet !== null ? 'compiled' : 'typed'} />
                ),
              },
              {
                key: 'tests',
                label: t('tests.title'),
                children: (
                  <TestReportPanel
                    report={tests?.report ?? null}
                    run={tests?.run ?? 0}
                    stale={tests !== null && !testsCurrent}
                    onJump={jump}
                  />
                ),
              },
              {
                key: 'dry-run',
                label: t('dryRun.title'),
                children: (
                  <DryRunPanel
                    id={id}
                    dirty={document.dirty}
                    publish={
                      publishButton === null ? null : (
                        <Space wrap>
                          {publishButton}
                          {publishBlock !== null ? (
                            <Typography.Text type="secondary">{publishBlock}</Typography.Text>
                          ) : null}
                        </Space>
                      )
                    }
                  />
                ),
              },
              {
                key: 'versions',
                label: t('versions.title'),
                children: (
                  <VersionsPanel id={id} draftSource={document.base.source} refreshKey={versionsKey} />
                ),
              },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}
