import { render } from 'preact';
import '../../components/print.css';
import { SafetyPlanPrintView } from '../../components/SafetyPlanPrintView';
import { t, uiLocale } from '../../utils/i18n/browser';
import { sendMessage } from '../../utils/messaging';

/**
 * The patient's printable copy. The plan reaches this page through the background by a one-time
 * token in the URL fragment, never through the URL itself, so no patient text lands in history.
 */
async function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const token = location.hash.slice(1);
  const data = token ? await sendMessage('safety-plan:print-data', { token }) : null;
  if (!data) {
    render(<p>{t('printNothingToPrint')}</p>, root);
    return;
  }
  document.title = t('sidebarPrintTitle');
  render(
    <SafetyPlanPrintView
      plan={data.plan}
      patientName={data.patientName}
      crisisContacts={data.crisisContacts}
      naloxoneApplicable={data.naloxoneApplicable}
      printedOn={data.printedOn}
      t={t}
      locale={uiLocale()}
    />,
    root,
  );
  requestAnimationFrame(() => window.print());
}

void main();
