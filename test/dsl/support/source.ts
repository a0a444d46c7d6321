/** A minimal valid rule set around `body`: one catalog, four dimensions each with one indicator, grades. */
export function ruleSet(body = '', header = 'ruleset 测试规则 assesses unit period annual'): string {
  return `${header}
scale base 100
categories 甲类, 乙类
catalog {
  field x percent
  field y count
  field z bool
  field w category
}
dimension 政治建设 weight 30% floor 30%
dimension 履职效能 weight 30%
dimension 群众评价 weight 25% floor 25%
dimension 廉洁自律 weight 15%
indicator A in 政治建设 { source x score linear 0 => 0, 100 => 100 }
indicator B in 履职效能 { source x score linear 0 => 0, 100 => 100 }
indicator C in 群众评价 { source x score linear 0 => 0, 100 => 100 }
indicator D in 廉洁自律 { source y score bands <= 0 => 100, else => 0 }
grades 优秀 >= 90, 良好 >= 80, 一般 >= 60, 较差
${body}`;
}
