/**
 * Messages of feature areas, one module each (admin, models, sync, workflow, statistics …), so features add
 * their texts without editing the shared dictionaries. Add one import and one spread per module.
 */
import { adminMessages } from "./admin";
import { documentMessages } from "./documents";
import { importMessages } from "./import";
import { workflowMessages } from "./workflow";
import { statisticsMessages } from "./statistics";
import { modelMessages } from "./models";
import { syncMessages } from "./sync";

const modules: { zh: Record<string, string>; en: Record<string, string> }[] = [
  adminMessages,
  workflowMessages,
  importMessages,
  statisticsMessages,
  documentMessages,
  modelMessages,
  syncMessages,
];

export const featureMessages: { zh: Record<string, string>; en: Record<string, string> } = {
  zh: Object.assign({}, ...modules.map((m) => m.zh)),
  en: Object.assign({}, ...modules.map((m) => m.en)),
};
