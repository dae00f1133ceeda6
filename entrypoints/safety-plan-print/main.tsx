import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/print.css';
import { SafetyPlanPrintView } from '../../components/SafetyPlanPrintView';
import { fillPlaceholders, localeFor, type Translate } from '../../utils/i18n';
import { installChosenCatalogue, loadCatalogue, t } from '../../utils/i18n/browser';
import { sendMessage } from '../../utils/messaging';

/**
 * The patient's printable copy. The plan reaches this page through the background by a one-time
 * token in the URL fragment, never through the URL itself, so no patient text lands in history.
 * It is printed in the patient's language, chosen at print time: that catalogue is read here,
 * whatever the clinician's sidebar speaks.
 */
async function main() {
  const root = document.getElementById('app');
  if (!root) return;
  await installChosenCatalogue();
  const token = location.hash.slice(1);
  const data = token ? await sendMessage('safety-plan:print-data', { token }) : null;
  if (!data) {
    render(<p>{t('printNothingToPrint')}</p>, root);
    return;
  }
  const catalogue = await loadCatalogue(data.language);
  const patientT: Translate = (key, substitutions) =>
    fillPlaceholders(catalogue.messages[key] ?? key, substitutions);
  document.documentElement.lang = data.language;
  document.title = patientT('sidebarPrintTitle');
  render(
    <SafetyPlanPrintView
      plan={data.plan}
      patientName={data.patientName}
      crisisContacts={data.crisisContacts}
      naloxoneApplicable={data.naloxoneApplicable}
      printedOn={data.printedOn}
      language={data.language}
      t={patientT}
      locale={localeFor(data.language, browser.i18n.getUILanguage() || 'en')}
    />,
    root,
  );
  requestAnimationFrame(() => window.print());
}

void main();
