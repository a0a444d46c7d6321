import { CstParser, type IToken } from 'chevrotain';
import {
  Arrow,
  At,
  allTokens,
  Colon,
  Comma,
  DotDot,
  Eq,
  Gt,
  Gte,
  Identifier,
  Keyword as K,
  LCurly,
  LParen,
  Lt,
  Lte,
  Minus,
  Neq,
  NumberLiteral,
  Percent,
  Plus,
  RCurly,
  RParen,
  Slash,
  Star,
  StringLiteral,
} from './tokens.ts';

/** The grammar, and nothing else: cst-to-ast.ts turns the CST into the AST. */
class KaopingParser extends CstParser {
  constructor(validate = false) {
    // Grammar validations run in the tests (test/dsl/parser.test.ts builds a validating instance); skipping them here
    // keeps a cold start cheap.
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'onlyOffset',
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  private readonly numberAhead = (): boolean => {
    const next = this.LA(2).tokenType;
    return next === NumberLiteral || next === Minus;
  };

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.item));
  });

  header = this.RULE('header', () => {
    this.CONSUME(K.Ruleset);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.Assesses);
    this.OR([
      { ALT: () => this.CONSUME(K.Unit, { LABEL: 'subject' }) },
      { ALT: () => this.CONSUME(K.Cadre, { LABEL: 'subject' }) },
    ]);
    this.CONSUME(K.Period);
    this.OR1([
      { ALT: () => this.CONSUME(K.Annual, { LABEL: 'period' }) },
      { ALT: () => this.CONSUME(K.Quarterly, { LABEL: 'period' }) },
      { ALT: () => this.CONSUME(K.Monthly, { LABEL: 'period' }) },
    ]);
    this.OPTION(() => {
      this.CONSUME(K.Extends);
      this.CONSUME1(Identifier, { LABEL: 'parent' });
      this.CONSUME(At);
      this.CONSUME(NumberLiteral, { LABEL: 'version' });
    });
  });

  item = this.RULE('item', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.scale) },
      { ALT: () => this.SUBRULE(this.categories) },
      { ALT: () => this.SUBRULE(this.catalog) },
      { ALT: () => this.SUBRULE(this.field) },
      { ALT: () => this.SUBRULE(this.dimension) },
      { ALT: () => this.SUBRULE(this.indicator) },
      { ALT: () => this.SUBRULE(this.adjustment) },
      { ALT: () => this.SUBRULE(this.veto) },
      { ALT: () => this.SUBRULE(this.tolerance) },
      { ALT: () => this.SUBRULE(this.grades) },
      { ALT: () => this.SUBRULE(this.quota) },
      { ALT: () => this.SUBRULE(this.allow) },
      { ALT: () => this.SUBRULE(this.test) },
    ]);
  });

  num = this.RULE('num', () => {
    this.OPTION(() => this.CONSUME(Minus));
    this.CONSUME(NumberLiteral);
    this.OPTION1(() => this.CONSUME(Percent));
  });

  scale = this.RULE('scale', () => {
    this.CONSUME(K.Scale);
    this.CONSUME(K.Base);
    this.SUBRULE(this.num, { LABEL: 'base' });
    // `scale base 100` may be followed by a bonus or deduction *statement*: only a number continues the scale.
    this.OPTION({
      GATE: this.numberAhead,
      DEF: () => {
        this.CONSUME(K.Bonus);
        this.SUBRULE1(this.num, { LABEL: 'bonus' });
      },
    });
    this.OPTION1({
      GATE: this.numberAhead,
      DEF: () => {
        this.CONSUME(K.Deduction);
        this.SUBRULE2(this.num, { LABEL: 'deduction' });
      },
    });
  });

  categories = this.RULE('categories', () => {
    this.CONSUME(K.Categories);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME(Identifier) });
  });

  catalog = this.RULE('catalog', () => {
    this.CONSUME(K.Catalog);
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.field));
    this.CONSUME(RCurly);
  });

  field = this.RULE('field', () => {
    this.CONSUME(K.Field);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Ratio);
          this.CONSUME1(Identifier, { LABEL: 'numerator' });
          this.CONSUME(Slash);
          this.CONSUME2(Identifier, { LABEL: 'denominator' });
        },
      },
      { ALT: () => this.CONSUME3(Identifier, { LABEL: 'type' }) },
    ]);
    this.MANY(() => {
      this.OR1([
        {
          ALT: () => {
            this.CONSUME(K.From);
            this.CONSUME(StringLiteral, { LABEL: 'source' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Level);
            this.OR2([
              { ALT: () => this.CONSUME(K.Unit, { LABEL: 'level' }) },
              { ALT: () => this.CONSUME(K.Cadre, { LABEL: 'level' }) },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Agg);
            this.CONSUME4(Identifier, { LABEL: 'aggregation' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Range);
            this.SUBRULE(this.num, { LABEL: 'min' });
            this.CONSUME(DotDot);
            this.SUBRULE1(this.num, { LABEL: 'max' });
          },
        },
      ]);
    });
  });

  mark = this.RULE('mark', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Locked) },
      { ALT: () => this.CONSUME(K.Open) },
      {
        ALT: () => {
          this.CONSUME(K.Overridable);
          this.SUBRULE(this.num, { LABEL: 'min' });
          this.CONSUME(DotDot);
          this.SUBRULE1(this.num, { LABEL: 'max' });
        },
      },
    ]);
  });

  dimension = this.RULE('dimension', () => {
    this.CONSUME(K.Dimension);
    this.CONSUME(Identifier);
    this.CONSUME(K.Weight);
    this.SUBRULE(this.num, { LABEL: 'weight' });
    this.OPTION(() => {
      this.CONSUME(K.Floor);
      this.SUBRULE1(this.num, { LABEL: 'floor' });
    });
    this.OPTION1(() => this.SUBRULE(this.mark));
  });

  indicator = this.RULE('indicator', () => {
    this.CONSUME(K.Indicator);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.In);
    this.CONSUME1(Identifier, { LABEL: 'dimension' });
    this.OPTION(() => {
      this.CONSUME(K.Applies);
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME2(Identifier, { LABEL: 'applies' }) });
    });
    this.OPTION1(() => {
      this.CONSUME(K.Weight);
      this.SUBRULE(this.num, { LABEL: 'weight' });
    });
    this.OPTION2(() => this.SUBRULE(this.mark));
    this.CONSUME(LCurly);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.Source);
            this.SUBRULE(this.expression, { LABEL: 'source' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Score);
            this.SUBRULE(this.scoreFn);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Missing);
            this.SUBRULE(this.missingPolicy);
          },
        },
      ]);
    });
    this.CONSUME(RCurly);
  });

  scoreFn = this.RULE('scoreFn', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Linear);
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.point) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Bands);
          this.SUBRULE(this.band);
          this.MANY(() => {
            this.CONSUME(Comma);
            this.OR1([{ ALT: () => this.SUBRULE1(this.band) }, { ALT: () => this.SUBRULE(this.otherwise) }]);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Lookup);
          this.SUBRULE(this.lookupEntry);
          this.MANY1(() => {
            this.CONSUME1(Comma);
            this.OR2([
              { ALT: () => this.SUBRULE1(this.lookupEntry) },
              { ALT: () => this.SUBRULE1(this.otherwise) },
            ]);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Expr);
          this.SUBRULE(this.expression);
          this.CONSUME(K.Bounded);
          this.SUBRULE(this.num, { LABEL: 'lo' });
          this.CONSUME(DotDot);
          this.SUBRULE1(this.num, { LABEL: 'hi' });
        },
      },
    ]);
  });

  point = this.RULE('point', () => {
    this.SUBRULE(this.num, { LABEL: 'x' });
    this.CONSUME(Arrow);
    this.SUBRULE1(this.num, { LABEL: 'y' });
  });

  band = this.RULE('band', () => {
    this.OR([
      { ALT: () => this.CONSUME(Gte, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Gt, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Lte, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Lt, { LABEL: 'op' }) },
    ]);
    this.SUBRULE(this.num, { LABEL: 'bound' });
    this.CONSUME(Arrow);
    this.SUBRULE1(this.num, { LABEL: 'points' });
  });

  otherwise = this.RULE('otherwise', () => {
    this.CONSUME(K.Else);
    this.CONSUME(Arrow);
    this.SUBRULE(this.num);
  });

  lookupEntry = this.RULE('lookupEntry', () => {
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'key' }) },
      { ALT: () => this.SUBRULE(this.num, { LABEL: 'numKey' }) },
    ]);
    this.CONSUME(Arrow);
    this.SUBRULE1(this.num, { LABEL: 'points' });
  });

  missingPolicy = this.RULE('missingPolicy', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Exempt) },
      { ALT: () => this.CONSUME(K.Zero) },
      { ALT: () => this.CONSUME(K.Carry) },
      {
        ALT: () => {
          this.CONSUME(K.Score);
          this.SUBRULE(this.num);
        },
      },
    ]);
  });

  adjustment = this.RULE('adjustment', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Bonus, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(K.Deduction, { LABEL: 'kind' }) },
    ]);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.MANY(() => {
      this.OR1([
        {
          ALT: () => {
            this.CONSUME(K.Cap);
            this.SUBRULE(this.num, { LABEL: 'cap' });
          },
        },
        {
          ALT: () => {
            this.OR2([{ ALT: () => this.CONSUME(K.In) }, { ALT: () => this.CONSUME(K.From) }]);
            this.CONSUME1(Identifier, { LABEL: 'dimension' });
          },
        },
        { ALT: () => this.SUBRULE(this.mark) },
      ]);
    });
    this.OR3([
      {
        ALT: () => {
          this.CONSUME(K.Each);
          this.SUBRULE(this.expression, { LABEL: 'each' });
          this.OPTION(() => {
            this.CONSUME(K.Per);
            this.SUBRULE1(this.num, { LABEL: 'per' });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.When);
          this.SUBRULE1(this.expression, { LABEL: 'when' });
        },
      },
    ]);
    this.OR4([{ ALT: () => this.CONSUME(K.Give) }, { ALT: () => this.CONSUME(K.Take) }]);
    this.SUBRULE2(this.num, { LABEL: 'amount' });
    this.CONSUME(StringLiteral, { LABEL: 'reason' });
  });

  veto = this.RULE('veto', () => {
    this.CONSUME(K.Veto);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.When);
    this.SUBRULE(this.expression);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Grade);
          this.CONSUME1(Identifier, { LABEL: 'set' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Cap);
          this.CONSUME2(Identifier, { LABEL: 'cap' });
        },
      },
      { ALT: () => this.CONSUME(K.NoGrade) },
    ]);
    this.CONSUME(StringLiteral, { LABEL: 'reason' });
  });

  tolerance = this.RULE('tolerance', () => {
    this.CONSUME(K.Tolerance);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.mark));
    this.CONSUME(K.When);
    this.SUBRULE(this.expression);
    this.CONSUME(K.Exempt);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME1(Identifier, { LABEL: 'exempt' }) });
    this.CONSUME(StringLiteral, { LABEL: 'reason' });
  });

  grades = this.RULE('grades', () => {
    this.CONSUME(K.Grades);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.gradeEntry) });
  });

  gradeEntry = this.RULE('gradeEntry', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(Gte);
      this.SUBRULE(this.num, { LABEL: 'min' });
    });
    // `quota 20%` belongs to the grade; `quota 优秀 {…}` starts a quota statement.
    this.OPTION1({
      GATE: this.numberAhead,
      DEF: () => {
        this.CONSUME(K.Quota);
        this.SUBRULE1(this.num, { LABEL: 'quota' });
      },
    });
  });

  quota = this.RULE('quota', () => {
    this.CONSUME(K.Quota);
    this.CONSUME(Identifier, { LABEL: 'grade' });
    this.OR([
      { ALT: () => this.SUBRULE(this.num, { LABEL: 'share' }) },
      {
        ALT: () => {
          this.CONSUME(LCurly);
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.quotaRow) });
          this.CONSUME(RCurly);
        },
      },
    ]);
  });

  quotaRow = this.RULE('quotaRow', () => {
    this.OR([
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'grade' }) },
      { ALT: () => this.CONSUME(K.Else) },
    ]);
    this.CONSUME(Arrow);
    this.SUBRULE(this.num, { LABEL: 'share' });
  });

  allow = this.RULE('allow', () => {
    this.CONSUME(K.Allow);
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () =>
        this.OR([
          { ALT: () => this.CONSUME(K.Indicator, { LABEL: 'what' }) },
          { ALT: () => this.CONSUME(K.Bonus, { LABEL: 'what' }) },
          { ALT: () => this.CONSUME(K.Deduction, { LABEL: 'what' }) },
          { ALT: () => this.CONSUME(K.Veto, { LABEL: 'what' }) },
          { ALT: () => this.CONSUME(K.Tolerance, { LABEL: 'what' }) },
        ]),
    });
  });

  test = this.RULE('test', () => {
    this.CONSUME(K.Test);
    this.CONSUME(StringLiteral, { LABEL: 'name' });
    this.CONSUME(LCurly);
    this.CONSUME(K.Given);
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: 'category' }));
    this.SUBRULE(this.object, { LABEL: 'values' });
    this.OPTION1(() => {
      this.CONSUME(K.Previous);
      this.SUBRULE1(this.object, { LABEL: 'previous' });
    });
    this.CONSUME(K.Expect);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expectation) });
    this.CONSUME(RCurly);
  });

  object = this.RULE('object', () => {
    this.CONSUME(LCurly);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.binding) });
    this.CONSUME(RCurly);
  });

  binding = this.RULE('binding', () => {
    this.OR([
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(K.Grade, { LABEL: 'key' }) },
    ]);
    this.CONSUME(Colon);
    this.SUBRULE(this.literal);
  });

  literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.num) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(K.True) },
      { ALT: () => this.CONSUME(K.False) },
      { ALT: () => this.CONSUME(Identifier) },
    ]);
  });

  expectation = this.RULE('expectation', () => {
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(K.Not));
          this.CONSUME(K.Fired);
          this.CONSUME(Identifier, { LABEL: 'rule' });
        },
      },
      {
        ALT: () => {
          this.OR1([
            { ALT: () => this.CONSUME1(Identifier, { LABEL: 'key' }) },
            { ALT: () => this.CONSUME(K.Grade, { LABEL: 'key' }) },
          ]);
          this.CONSUME(Eq);
          this.SUBRULE(this.literal);
        },
      },
    ]);
  });

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(K.Or);
      this.SUBRULE1(this.andExpr, { LABEL: 'operands' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(K.And);
      this.SUBRULE1(this.notExpr, { LABEL: 'operands' });
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.cmpExpr) },
    ]);
  });

  cmpExpr = this.RULE('cmpExpr', () => {
    this.SUBRULE(this.addExpr, { LABEL: 'left' });
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(Eq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(Neq, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(Gte, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(Lte, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(Gt, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(Lt, { LABEL: 'op' }) },
      ]);
      this.SUBRULE1(this.addExpr, { LABEL: 'right' });
    });
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Plus, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Minus, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE1(this.mulExpr, { LABEL: 'operands' });
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unaryExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Star, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Slash, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE1(this.unaryExpr, { LABEL: 'operands' });
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Minus);
          this.SUBRULE(this.unaryExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.atom) },
    ]);
  });

  atom = this.RULE('atom', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(NumberLiteral);
          this.OPTION(() => this.CONSUME(Percent));
        },
      },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(K.True) },
      { ALT: () => this.CONSUME(K.False) },
      {
        ALT: () => {
          this.CONSUME(Identifier);
          this.OPTION1(() => {
            this.CONSUME(LParen, { LABEL: 'call' });
            this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'args' }) });
            this.CONSUME(RParen);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME1(LParen);
          this.SUBRULE1(this.expression, { LABEL: 'inner' });
          this.CONSUME1(RParen);
        },
      },
    ]);
  });
}

let parser: KaopingParser | undefined;
/** The one parser instance of the process (Chevrotain parsers are built once and reused). */
export function getParser(): KaopingParser {
  parser ??= new KaopingParser();
  return parser;
}

export function parseTokens(tokens: IToken[]) {
  const p = getParser();
  p.input = tokens;
  const cst = p.file();
  return { cst, errors: p.errors };
}

/** A parser with Chevrotain's grammar validations on (ambiguities, left recursion): used by the tests. */
export function validatingParser(): CstParser {
  return new KaopingParser(true);
}
