import type { Rule } from './define.js';
import activityQuota from './activity-quota.js';
import categoryTypo from './category-typo.js';
import duplicateCategory from './duplicate-category.js';
import duplicateId from './duplicate-id.js';
import duplicateLevel from './duplicate-level.js';
import emptyCell from './empty-cell.js';
import frontmatterContradiction from './frontmatter-contradiction.js';
import frontmatterSchema from './frontmatter-schema.js';
import identicalLevels from './identical-levels.js';
import invalidId from './invalid-id.js';
import invisibleCharacter from './invisible-character.js';
import levelLikeNote from './level-like-note.js';
import missingCategory from './missing-category.js';
import noLevels from './no-levels.js';
import { parseDiagnostics, stageDiagnostics } from './parse-diagnostics.js';
import { deriveDiagnostics } from './derive-diagnostics.js';
import placeholderText from './placeholder-text.js';
import repeatedExpectation from './repeated-expectation.js';
import siblingCategory from './sibling-category.js';
import tableColumns from './table-columns.js';
import terseTable from './terse-table.js';
import unknownCategory from './unknown-category.js';
import translationSource from './translation-source.js';
import translationStale from './translation-stale.js';
import translationStructure from './translation-structure.js';
import translationUnpinned from './translation-unpinned.js';

/** Every rule and parse id, one row each: the one place to read what `ladder validate` checks. */
export const registry: readonly Rule[] = [
  ...parseDiagnostics,
  ...stageDiagnostics,
  ...deriveDiagnostics,
  frontmatterSchema,
  frontmatterContradiction,
  duplicateId,
  invalidId,
  invisibleCharacter,
  noLevels,
  duplicateLevel,
  duplicateCategory,
  unknownCategory,
  categoryTypo,
  missingCategory,
  emptyCell,
  tableColumns,
  placeholderText,
  identicalLevels,
  repeatedExpectation,
  siblingCategory,
  levelLikeNote,
  terseTable,
  activityQuota,
  translationSource,
  translationStructure,
  translationUnpinned,
  translationStale,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(registry.map((rule) => [rule.id, rule]));
