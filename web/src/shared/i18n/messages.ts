/** Every user-facing string of the console, Chinese first. `{name}` placeholders are filled by `translate`. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export const messages = {
  'app.name': { zh: '考评', en: 'Kaoping' },
  'app.title': { zh: '机关干部作风建设考核评估', en: 'Work-style assessment of agency cadres' },
  'app.loading': { zh: '正在加载…', en: 'Loading…' },
  'app.skipToContent': { zh: '跳到主要内容', en: 'Skip to main content' },
  'app.notFound.title': { zh: '页面不存在', en: 'Page not found' },
  'app.notFound.back': { zh: '回到首页', en: 'Back to the start page' },
  'app.crash.title': { zh: '页面出错了', en: 'Something went wrong on this page' },
  'app.crash.retry': { zh: '重新加载', en: 'Reload' },

  'locale.switch': { zh: 'English', en: '中文' },
  'locale.switch.label': { zh: '切换为英文界面', en: 'Switch to Chinese' },

  'nav.main': { zh: '主导航', en: 'Main navigation' },
  'nav.home': { zh: '工作台', en: 'Overview' },
  'nav.rules': { zh: '规则编辑', en: 'Rules editor' },
  'nav.inherited': { zh: '继承的规则', en: 'Inherited rules' },
  'nav.menu': { zh: '菜单', en: 'Menu' },

  'health.ok': { zh: '服务正常', en: 'Service up' },
  'health.degraded': { zh: '数据表不可访问', en: 'Table unreachable' },
  'health.down': { zh: '无法连接服务', en: 'Service unreachable' },
  'health.checking': { zh: '正在检查服务…', en: 'Checking the service…' },
  'health.detail': { zh: '版本 {version}，数据表 {table}', en: 'version {version}, table {table}' },

  'role.platform_admin': { zh: '平台管理员', en: 'Platform admin' },
  'role.province_admin': { zh: '省级管理员', en: 'Province admin' },
  'role.city_admin': { zh: '市级管理员', en: 'City admin' },
  'role.assessor': { zh: '考核员', en: 'Assessor' },
  'role.auditor': { zh: '审计员', en: 'Auditor' },
  'role.viewer': { zh: '查看者', en: 'Viewer' },

  'session.tenant': { zh: '单位', en: 'Tenant' },
  'session.role': { zh: '角色', en: 'Role' },
  'session.signOut': { zh: '退出登录', en: 'Sign out' },
  'session.expired': {
    zh: '登录已过期，请重新登录。',
    en: 'Your session has expired; please sign in again.',
  },

  'signIn.title': { zh: '登录', en: 'Sign in' },
  'signIn.intro': {
    zh: '本地演示环境：选择一位演示用户登录。',
    en: 'Local demo: choose a demo user to sign in as.',
  },
  'signIn.user': { zh: '演示用户', en: 'Demo user' },
  'signIn.userPlaceholder': { zh: '请选择用户', en: 'Choose a user' },
  'signIn.submit': { zh: '登录', en: 'Sign in' },
  'signIn.none': {
    zh: '没有可用的演示用户。请确认 `npm start` 已加载演示数据。',
    en: 'No demo users are available. Check that `npm start` loaded the demo data.',
  },
  'signIn.unavailable': {
    zh: '此环境不提供演示登录（仅本地 `npm start` 提供）。',
    en: 'Demo sign-in is not offered here (only by a local `npm start`).',
  },

  'home.welcome': { zh: '您好，{name}', en: 'Hello, {name}' },
  'home.youCan': { zh: '您可以：', en: 'What you can do:' },
  'home.rules': { zh: '编写、检查并测试本省的考核规则', en: "Write, check and test the province's rules" },
  'home.inherited': {
    zh: '查看本市继承的省级规则，以及锁定项与调整项',
    en: "See the province's rules your city inherits, what is locked and what you override",
  },
  'home.readOnly': {
    zh: '您的角色只能查看；规则编辑与发布不向您开放。',
    en: 'Your role is read-only; editing and publishing rules is not offered.',
  },
  'home.later': {
    zh: '考核运行、试运行与结果分析将在后续版本提供。',
    en: 'Assessment runs, dry-runs and results arrive in a later version.',
  },

  'problem.unauthorized.title': { zh: '需要重新登录', en: 'Please sign in again' },
  'problem.unauthorized.action': {
    zh: '您的登录已失效。请重新登录后再试。',
    en: 'Your sign-in is no longer valid. Sign in again, then retry.',
  },
  'problem.forbidden.title': { zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  'problem.forbidden.action': {
    zh: '如需此权限，请联系本单位管理员。',
    en: 'Ask your administrator if you need this permission.',
  },
  'problem.notFound.title': { zh: '找不到该内容', en: 'Not found' },
  'problem.notFound.action': {
    zh: '它可能已被删除，或不属于您的单位。请返回列表重新选择。',
    en: 'It may have been removed or belong to another tenant. Go back and choose again.',
  },
  'problem.conflict.title': { zh: '他人已修改此内容', en: 'Someone else changed this' },
  'problem.conflict.action': {
    zh: '您的修改未保存，也没有覆盖对方的版本。请重新加载，查看对方的修改后再保存。',
    en: 'Your change was not saved and did not overwrite theirs. Reload, review their change, then save again.',
  },
  'problem.validation.title': { zh: '提交的内容有误', en: 'Some of what you sent is not valid' },
  'problem.validation.action': {
    zh: '请按下列提示修改后重试。',
    en: 'Correct the items below and try again.',
  },
  'problem.tooLarge.title': { zh: '内容过大', en: 'Too large' },
  'problem.tooLarge.action': { zh: '请缩减内容后重试。', en: 'Make it smaller and try again.' },
  'problem.server.title': { zh: '服务暂时不可用', en: 'The service is having trouble' },
  'problem.server.action': {
    zh: '这不是您的操作造成的。请稍后再试；如果一直出现，请联系运维人员。',
    en: 'This is not caused by what you did. Try again later; if it persists, contact the operators.',
  },
  'problem.network.title': { zh: '无法连接服务', en: 'Cannot reach the service' },
  'problem.network.action': {
    zh: '请检查网络，或确认 `npm start` 正在运行，然后重试。',
    en: 'Check the network, or that `npm start` is running, then retry.',
  },
  'problem.unexpected.title': {
    zh: '服务返回了无法识别的内容',
    en: 'The service answered something unexpected',
  },
  'problem.unexpected.action': {
    zh: '请刷新页面后重试；如果一直出现，请联系运维人员。',
    en: 'Reload the page and try again; if it persists, contact the operators.',
  },
  'problem.other.title': { zh: '请求未成功（{status}）', en: 'The request did not succeed ({status})' },
  'problem.other.action': { zh: '请稍后重试。', en: 'Please try again.' },
  'problem.signIn': { zh: '重新登录', en: 'Sign in again' },
  'problem.reload': { zh: '重新加载', en: 'Reload' },
  'problem.retry': { zh: '重试', en: 'Retry' },

  'editor.title': { zh: '规则编辑：{name}', en: 'Rules editor: {name}' },
  'editor.choose': { zh: '规则集', en: 'Rule set' },
  'editor.source': { zh: '规则源文件', en: 'Rule source' },
  'editor.loading': { zh: '正在打开编辑器…', en: 'Opening the editor…' },
  'editor.revision': { zh: '草稿修订号 {revision}', en: 'Draft revision {revision}' },
  'editor.unsaved': { zh: '有未保存的修改', en: 'Unsaved changes' },
  'editor.saved': { zh: '已保存', en: 'Saved' },
  'editor.newDraft': { zh: '新草稿（尚未保存）', en: 'New draft (not saved yet)' },
  'editor.save': { zh: '保存草稿', en: 'Save draft' },
  'editor.saving': { zh: '正在保存…', en: 'Saving…' },
  'editor.savedAt': { zh: '草稿已保存（修订号 {revision}）', en: 'Draft saved (revision {revision})' },
  'editor.format': { zh: '格式化', en: 'Format' },
  'editor.formatFailed': {
    zh: '有语法错误时无法格式化，请先修正错误。',
    en: 'Cannot format while there are syntax errors; fix them first.',
  },
  'editor.runTests': { zh: '运行测试', en: 'Run tests' },
  'editor.publish': { zh: '发布', en: 'Publish' },
  'editor.publishing': { zh: '正在发布…', en: 'Publishing…' },
  'editor.published': { zh: '已发布为第 {version} 版', en: 'Published as version {version}' },
  'editor.publishBlocked.errors': {
    zh: '存在 {count} 个错误，修正后才能发布。',
    en: '{count} error(s) must be fixed before publishing.',
  },
  'editor.publishBlocked.tests': {
    zh: '测试未通过或尚未运行，测试全部通过后才能发布。',
    en: 'Tests have failed or not been run; publishing needs them all to pass.',
  },
  'editor.publishBlocked.unsaved': { zh: '请先保存草稿。', en: 'Save the draft first.' },
  'editor.publishNotAllowed': { zh: '您的角色不能发布规则。', en: 'Your role may not publish rules.' },
  'editor.conflict.title': {
    zh: '保存冲突：他人已修改此草稿',
    en: 'Save conflict: someone else changed this draft',
  },
  'editor.conflict.body': {
    zh: '您的修改未保存，对方的修订号 {revision} 也没有被覆盖。可以对照查看后决定。',
    en: 'Your change was not saved and their revision {revision} was not overwritten. Compare, then decide.',
  },
  'editor.conflict.theirs': {
    zh: '对方的版本（修订号 {revision}）',
    en: 'Their version (revision {revision})',
  },
  'editor.conflict.mine': { zh: '您的版本（未保存）', en: 'Your version (not saved)' },
  'editor.conflict.takeTheirs': { zh: '放弃我的修改，载入对方版本', en: 'Discard mine and load theirs' },
  'editor.conflict.keepMine': {
    zh: '保留我的修改，基于对方版本再保存',
    en: 'Keep mine and save over their revision',
  },
  'editor.backendMissing': {
    zh: '服务尚未提供规则集接口（{status}）。编辑、检查与测试在浏览器内仍可使用，但无法保存。',
    en: 'The service does not offer the rule-set routes yet ({status}). Editing, checking and tests work in the browser, but nothing can be saved.',
  },

  'diagnostics.title': { zh: '诊断', en: 'Diagnostics' },
  'diagnostics.none': { zh: '没有发现问题', en: 'No problems found' },
  'diagnostics.summary': {
    zh: '{errors} 个错误，{warnings} 个警告',
    en: '{errors} error(s), {warnings} warning(s)',
  },
  'diagnostics.at': { zh: '第 {line} 行第 {column} 列', en: 'line {line}, column {column}' },
  'diagnostics.severity.error': { zh: '错误', en: 'Error' },
  'diagnostics.severity.warning': { zh: '警告', en: 'Warning' },
  'diagnostics.severity.info': { zh: '提示', en: 'Info' },
  'diagnostics.hint': { zh: '建议：{hint}', en: 'Hint: {hint}' },
  'diagnostics.jump': { zh: '跳到该位置', en: 'Go to this place' },
  'diagnostics.checkerMissing': {
    zh: '规则语言检查器尚未就绪，暂时无法在浏览器内检查。',
    en: 'The rules-language checker is not ready yet; checking in the browser is unavailable for now.',
  },

  'weights.title': { zh: '维度权重', en: 'Dimension weights' },
  'weights.dimension': { zh: '维度', en: 'Dimension' },
  'weights.weight': { zh: '权重', en: 'Weight' },
  'weights.floor': { zh: '下限', en: 'Floor' },
  'weights.locked': { zh: '锁定', en: 'Locked' },
  'weights.total': { zh: '合计 {total}%', en: 'Total {total}%' },
  'weights.totalBad': { zh: '合计 {total}%，应为 100%', en: 'Total {total}%, should be 100%' },
  'weights.belowFloor': { zh: '低于下限', en: 'below its floor' },
  'weights.stale': {
    zh: '文件中有错误：以上按输入的文本读取，尚未经过检查',
    en: 'The file has errors: read from the text as typed, not yet checked',
  },
  'weights.none': { zh: '修正错误后显示权重', en: 'Weights appear once the source compiles' },

  'tests.title': { zh: '测试', en: 'Tests' },
  'tests.notRun': { zh: '尚未运行测试', en: 'Tests have not been run' },
  'tests.summary': { zh: '{passed} 个通过，{failed} 个失败', en: '{passed} passed, {failed} failed' },
  'tests.passed': { zh: '通过', en: 'Passed' },
  'tests.failed': { zh: '失败', en: 'Failed' },
  'tests.trace': { zh: '计分过程', en: 'Trace' },
  'tests.points': { zh: '{points} 分', en: '{points} pts' },
  'tests.uncovered': { zh: '没有测试覆盖的规则', en: 'Rules no test covers' },
  'tests.allCovered': { zh: '所有规则都有测试覆盖', en: 'Every rule is covered by a test' },
  'tests.cannotRun': { zh: '存在错误，无法运行测试', en: 'Cannot run tests while there are errors' },
  'tests.stale': { zh: '源文件已修改，测试结果可能过期', en: 'The source changed since these results' },

  'hover.field': { zh: '数据字段', en: 'Data field' },
  'hover.indicator': { zh: '指标', en: 'Indicator' },
  'hover.dimension': { zh: '维度', en: 'Dimension' },
  'hover.type': { zh: '类型', en: 'Type' },
  'hover.source': { zh: '来源', en: 'Source' },
  'hover.level': { zh: '层级', en: 'Level' },
  'hover.aggregation': { zh: '汇总方式', en: 'Aggregation' },
  'hover.range': { zh: '取值范围', en: 'Allowed range' },
  'hover.categories': { zh: '适用类别', en: 'Applies to' },
  'hover.weight': { zh: '权重 {weight}%', en: 'weight {weight}%' },

  'field.type.percent': { zh: '百分比', en: 'percent' },
  'field.type.count': { zh: '计数', en: 'count' },
  'field.type.days': { zh: '天数', en: 'days' },
  'field.type.minutes': { zh: '分钟', en: 'minutes' },
  'field.type.number': { zh: '数值', en: 'number' },
  'field.type.bool': { zh: '是/否', en: 'yes/no' },
  'field.type.category': { zh: '分类', en: 'category' },
  'field.level.unit': { zh: '单位', en: 'unit' },
  'field.level.cadre': { zh: '干部', en: 'cadre' },
  'field.agg.avg': { zh: '平均值', en: 'average' },
  'field.agg.sum': { zh: '合计', en: 'sum' },
  'field.agg.last': { zh: '期末值', en: 'last value' },
  'field.agg.min': { zh: '最小值', en: 'minimum' },
  'field.agg.max': { zh: '最大值', en: 'maximum' },
  'field.agg.ratio': { zh: '比率（分子合计/分母合计）', en: 'ratio of sums' },
  'completion.keyword': { zh: '关键字', en: 'keyword' },
  'completion.field': { zh: '数据字段', en: 'data field' },
  'completion.indicator': { zh: '指标', en: 'indicator' },
  'completion.dimension': { zh: '维度', en: 'dimension' },
  'completion.category': { zh: '类别', en: 'category' },
  'completion.grade': { zh: '等次', en: 'grade' },

  'versions.title': { zh: '版本历史', en: 'Versions' },
  'versions.none': { zh: '尚未发布任何版本', en: 'No version published yet' },
  'versions.version': { zh: '版本', en: 'Version' },
  'versions.by': { zh: '发布人', en: 'Published by' },
  'versions.at': { zh: '发布时间', en: 'Published at' },
  'versions.hash': { zh: '内容哈希', en: 'Content hash' },
  'versions.compare': { zh: '对比', en: 'Compare' },
  'versions.from': { zh: '从', en: 'From' },
  'versions.to': { zh: '到', en: 'To' },
  'versions.draft': { zh: '当前草稿', en: 'Current draft' },
  'versions.unavailable': {
    zh: '服务尚未提供版本接口。',
    en: 'The service does not offer the versions routes yet.',
  },
  'diff.added': { zh: '新增', en: 'Added' },
  'diff.removed': { zh: '删除', en: 'Removed' },
  'diff.changed': { zh: '修改', en: 'Changed' },
  'diff.weights': { zh: '权重变化', en: 'Weight changes' },
  'diff.noChanges': { zh: '两个版本结构相同', en: 'The two versions have the same structure' },
  'diff.folded': { zh: '… {count} 行未改变 …', en: '… {count} unchanged lines …' },
  'diff.source': { zh: '源文件对比', en: 'Source' },
  'diff.structure': { zh: '结构变化', en: 'Structural changes' },

  'inherited.title': { zh: '继承的规则', en: 'Inherited rules' },
  'inherited.parent': { zh: '继承自 {name} 第 {version} 版', en: 'Extends {name} version {version}' },
  'inherited.newer': {
    zh: '省里已发布第 {version} 版（当前为第 {current} 版）。试运行核对影响后可以改用新版本。',
    en: 'The province has published version {version} (you use {current}). Dry-run it, then re-pin.',
  },
  'inherited.repin': { zh: '改用第 {version} 版', en: 'Re-pin to version {version}' },
  'inherited.repinned': { zh: '已改用第 {version} 版', en: 'Now pinned to version {version}' },
  'inherited.locked': { zh: '锁定（不可调整）', en: 'Locked' },
  'inherited.overridden': { zh: '本市已调整', en: 'Overridden by your city' },
  'inherited.inheritedItem': { zh: '沿用省级', en: 'As the province' },
  'inherited.own': { zh: '本市设置', en: 'Set by your city' },
  'inherited.effective': { zh: '生效规则', en: 'Effective rules' },
  'inherited.citySource': { zh: '本市规则文件', en: "Your city's rule file" },
  'inherited.parentSource': { zh: '省级规则文件', en: "The province's rule file" },
  'inherited.hashes': { zh: '生效哈希 {hash}', en: 'Effective hash {hash}' },
  'inherited.preview': { zh: '预览变化', en: 'Preview the changes' },
  'inherited.previewTitle': {
    zh: '从第 {from} 版改用第 {to} 版将带来的变化',
    en: 'What moving from version {from} to {to} changes',
  },
  'inherited.pin': { zh: '继承版本', en: 'Pinned parent' },
  'inherited.grades': { zh: '等次', en: 'Grades' },
  'inherited.originNote': {
    zh: '“本市设置”指本市规则文件中声明的项目（调整省级项目或新增）；其余沿用省级规则。',
    en: "“Set by your city” marks items declared in your city's file (overriding or adding); the rest is the province's.",
  },
  'inherited.weightChart': {
    zh: '各维度权重与下限（柱状图）',
    en: 'Weight and floor of each dimension (bar chart)',
  },
  'inherited.none': { zh: '本市尚未设置继承的规则集。', en: 'Your city has no inherited rule set yet.' },
  'inherited.indicators': { zh: '指标', en: 'Indicators' },
  'inherited.rules': { zh: '其他规则', en: 'Other rules' },
  'inherited.status': { zh: '状态', en: 'Status' },
  'inherited.name': { zh: '名称', en: 'Name' },
  'inherited.kind': { zh: '类型', en: 'Kind' },

  'kind.indicator': { zh: '指标', en: 'Indicator' },
  'kind.bonus': { zh: '加分', en: 'Bonus' },
  'kind.deduction': { zh: '减分', en: 'Deduction' },
  'kind.veto': { zh: '一票否决', en: 'Veto' },
  'kind.tolerance': { zh: '容错', en: 'Tolerance' },
  'kind.grade': { zh: '等次', en: 'Grade' },
  'kind.quota': { zh: '名额', en: 'Quota' },

  'chart.loading': { zh: '正在加载图表…', en: 'Loading the chart…' },
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof messages;
export type Locale = 'zh' | 'en';
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks a message up and fills its `{name}` placeholders; an unknown placeholder stays visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = messages[key][locale];
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Picks one language of a bilingual text from the API or the rules language. */
export function pick(text: Text | string, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale];
}
