/**
 * "Cobalt": a single-page EHR made of web components (Lit), each in its own open shadow root, with
 * hash routing (`#/patient/<id>`). The banner, the medication cards and the score table are
 * separate elements that fetch their own data.
 */
import { css, html, LitElement } from 'lit';

interface Banner {
  id: string;
  name: string;
  born: string;
  sex: string;
  patientId: string;
  pcp: string;
}
interface Medication {
  name: string;
  sig: string;
  prescriber: string;
}
interface Score {
  measure: string;
  score: number;
  completed: string;
}
interface Problem {
  text: string;
  code: string;
}

function routePatient(): string | null {
  return /^#\/patient\/([^/]+)/.exec(location.hash)?.[1] ?? null;
}

async function getJson<T>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>;
}

/** Fetches `path(patient)` whenever the `patient` attribute changes; renders nothing stale. */
abstract class PatientSection<T> extends LitElement {
  static override properties = { patient: { type: String } };
  declare patient: string | null;
  protected data: T | null = null;
  private loadedFor: string | null = null;
  protected abstract path(patient: string): string;

  override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('patient')) return;
    this.data = null;
    const wanted = this.patient;
    if (!wanted) return;
    getJson<T>(this.path(wanted)).then((data) => {
      if (this.patient !== wanted) return;
      this.data = data;
      this.loadedFor = wanted;
      this.requestUpdate();
    });
  }

  protected get ready(): boolean {
    return this.data !== null && this.loadedFor === this.patient;
  }
}

class CobaltBanner extends PatientSection<Banner> {
  static override styles = css`
    :host { display: block; background: #0b3d91; color: white; padding: 12px 20px; }
    h1 { margin: 0 0 6px; font: 600 20px system-ui; }
    dl { display: flex; gap: 28px; margin: 0; font: 13px system-ui; }
    dt { opacity: 0.75; font-size: 11px; }
    dd { margin: 0; font-weight: 600; }
    .placeholder { height: 52px; opacity: 0.6; font: italic 14px system-ui; }
  `;
  protected path(patient: string) {
    return `/fhir/Patient/${patient}/banner`;
  }
  override render() {
    const banner = this.ready ? this.data : null;
    if (!banner) return html`<div class="placeholder">Loading patient…</div>`;
    return html`<h1 part="name">${banner.name}</h1>
      <dl>
        <div><dt>Born</dt><dd>${banner.born}</dd></div>
        <div><dt>Sex</dt><dd>${banner.sex}</dd></div>
        <div><dt>Patient ID</dt><dd>${banner.patientId}</dd></div>
        <div><dt>PCP</dt><dd>${banner.pcp}</dd></div>
      </dl>`;
  }
}

class CobaltMedCard extends LitElement {
  static override properties = { name: {}, sig: {}, prescriber: {} };
  declare name: string;
  declare sig: string;
  declare prescriber: string;
  static override styles = css`
    :host { display: block; border: 1px solid #c9d3e6; border-radius: 8px; padding: 10px 14px; margin: 6px 0; font: 14px system-ui; }
    .drug { font-weight: 600; }
    .sig, .by { color: #444; font-size: 13px; }
  `;
  override render() {
    return html`<div class="drug">${this.name}</div>
      <div class="sig">${this.sig}</div>
      <div class="by">Prescribed by ${this.prescriber}</div>`;
  }
}

class CobaltMedications extends PatientSection<Medication[]> {
  static override styles = css`
    :host { display: block; }
    h2 { font: 600 16px system-ui; }
  `;
  protected path(patient: string) {
    return `/fhir/Patient/${patient}/medications`;
  }
  override render() {
    const list = this.ready ? this.data : null;
    return html`<h2>Current medications</h2>
      ${
        list
          ? list.map(
              (medication) =>
                html`<cobalt-med-card .name=${medication.name} .sig=${medication.sig} .prescriber=${medication.prescriber}></cobalt-med-card>`,
            )
          : html`<p>Loading…</p>`
      }`;
  }
}

class CobaltScores extends PatientSection<Score[]> {
  static override styles = css`
    :host { display: block; }
    h2 { font: 600 16px system-ui; }
    table { border-collapse: collapse; font: 14px system-ui; }
    th, td { border-bottom: 1px solid #dde; padding: 4px 12px; text-align: left; }
  `;
  protected path(patient: string) {
    return `/fhir/Patient/${patient}/measures`;
  }
  override render() {
    const rows = this.ready ? this.data : null;
    return html`<h2>Measurement-based care</h2>
      ${
        rows
          ? html`<table>
              <thead><tr><th>Measure</th><th>Score</th><th>Completed</th></tr></thead>
              <tbody>${rows.map((row) => html`<tr><td>${row.measure}</td><td>${row.score}</td><td>${row.completed}</td></tr>`)}</tbody>
            </table>`
          : html`<p>Loading…</p>`
      }`;
  }
}

class CobaltProblems extends PatientSection<Problem[]> {
  static override styles = css`
    :host { display: block; }
    h2 { font: 600 16px system-ui; }
    ul { font: 14px system-ui; }
  `;
  protected path(patient: string) {
    return `/fhir/Patient/${patient}/problems`;
  }
  override render() {
    const rows = this.ready ? this.data : null;
    return html`<h2>Problem list</h2>
      ${rows ? html`<ul>${rows.map((row) => html`<li>${row.text} <small>${row.code}</small></li>`)}</ul>` : html`<p>Loading…</p>`}`;
  }
}

class CobaltPatientList extends LitElement {
  static override properties = { current: { type: String } };
  declare current: string | null;
  private entries: { id: string; name: string }[] = [];
  static override styles = css`
    :host { display: block; width: 220px; border-right: 1px solid #ccd; padding: 8px; font: 14px system-ui; }
    a { display: block; padding: 6px 8px; color: #0b3d91; text-decoration: none; border-radius: 4px; }
    a[aria-current='page'] { background: #e3ebfa; font-weight: 600; }
  `;
  override connectedCallback() {
    super.connectedCallback();
    getJson<{ id: string; name: string }[]>('/fhir/Patient').then((entries) => {
      this.entries = entries;
      this.requestUpdate();
    });
  }
  override render() {
    return html`<nav aria-label="Schedule"><strong>Today's schedule</strong>
      ${this.entries.map(
        (entry) =>
          html`<a href="#/patient/${entry.id}" aria-current=${entry.id === this.current ? 'page' : 'false'}>${entry.name}</a>`,
      )}</nav>`;
  }
}

class CobaltApp extends LitElement {
  private patient: string | null = routePatient();
  static override styles = css`
    :host { display: flex; min-height: 100vh; }
    main { flex: 1; }
    .sections { padding: 8px 20px; display: grid; gap: 8px; }
  `;
  override connectedCallback() {
    super.connectedCallback();
    addEventListener('hashchange', () => {
      this.patient = routePatient();
      this.requestUpdate();
    });
  }
  override render() {
    return html`<cobalt-patient-list .current=${this.patient}></cobalt-patient-list>
      <main>
        <cobalt-banner .patient=${this.patient}></cobalt-banner>
        <div class="sections">
          <cobalt-problems .patient=${this.patient}></cobalt-problems>
          <cobalt-medications .patient=${this.patient}></cobalt-medications>
          <cobalt-scores .patient=${this.patient}></cobalt-scores>
        </div>
      </main>`;
  }
}

customElements.define('cobalt-banner', CobaltBanner);
customElements.define('cobalt-med-card', CobaltMedCard);
customElements.define('cobalt-medications', CobaltMedications);
customElements.define('cobalt-scores', CobaltScores);
customElements.define('cobalt-problems', CobaltProblems);
customElements.define('cobalt-patient-list', CobaltPatientList);
customElements.define('cobalt-app', CobaltApp);

// What the header shows now, for the gallery's switch test (read in the page's own world).
(window as unknown as { galleryHeader(): string | null }).galleryHeader = () =>
  document
    .querySelector('cobalt-app')
    ?.shadowRoot?.querySelector('cobalt-banner')
    ?.shadowRoot?.querySelector('h1')?.textContent ?? null;
