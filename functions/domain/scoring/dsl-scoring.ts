import { applyPopulation, scoreSubject } from '../../../dsl/index.ts';
import type { RunPorts } from './run-ports.ts';

/** The rule-language calls a run makes: per-subject scoring in chunks, the population phase at the end. */
export const dslScoring: Pick<RunPorts, 'scoreSubject' | 'applyPopulation'> = {
  scoreSubject,
  applyPopulation,
};
