// @vitest-environment happy-dom
/**
 * The generic reader on the shapes real EHRs print their banner in, none of them built for
 * Careside: labels above values, ARIA grids, web components, identifier systems in place of an
 * "MRN" label, names with titles and suffixes — and the pages where it must refuse to name a
 * patient (two at once) or must not take someone else for the patient.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../utils/ehr/generic/adapter';
import { genericIdentityElements } from '../../../utils/ehr/generic/identity';
import '../../../utils/ehr/sections/all-readers';
import { readGeneric } from '../../../utils/ehr/sections/all-readers';
import { parsePage } from './load';

const URL_OF_PAGE = new URL('https://unknown-ehr.example/chart/42');
const read = (html: string) => readGeneric(parsePage(`<body>${html}</body>`), URL_OF_PAGE);

describe('generic reader: identity in the shapes EHRs print it', () => {
  it.each([
    {
      shape: 'uppercase labels above values in separate elements',
      html: '<div class="hdr"><div class="fld"><div class="label">NAME</div><div class="value">DOE, JANE M</div></div><div class="fld"><div class="label">DOB</div><div class="value">03/03/1980</div></div><div class="fld"><div class="label">MRN</div><div class="value">00471203</div></div></div>',
      name: 'DOE, JANE M',
      mrn: { system: 'MRN', type: 'MR', value: '00471203' },
    },
    {
      shape: 'a row of labels over a row of values (divs)',
      html: '<div class="grid"><div>Name</div><div>DOB</div><div>Chart #</div></div><div class="grid"><div>Doe, Jane</div><div>Mar 3, 1980</div><div>C-77</div></div>',
      name: 'Doe, Jane',
      mrn: { system: 'MRN', type: 'MR', value: 'C-77' },
    },
    {
      shape: 'an ARIA grid, header row over a value row',
      html: '<div role="grid"><div role="row"><div role="columnheader">Patient name</div><div role="columnheader">Date of birth</div><div role="columnheader">Medical record number</div></div><div role="row"><div role="gridcell">Jane Doe</div><div role="gridcell">1980-03-03</div><div role="gridcell">884421</div></div></div>',
      name: 'Jane Doe',
      mrn: { system: 'MRN', type: 'MR', value: '884421' },
    },
    {
      shape: 'ARIA row headers beside cells',
      html: '<div role="table"><div role="row"><span role="rowheader">Patient</span><span role="cell">Jane Doe</span></div><div role="row"><span role="rowheader">Born</span><span role="cell">3 March 1980</span></div><div role="row"><span role="rowheader">Patient ID</span><span role="cell">PT-884421</span></div></div>',
      name: 'Jane Doe',
      mrn: { system: 'MRN', type: 'MR', value: 'PT-884421' },
    },
    {
      shape: 'label cells in one banner row',
      html: '<table><tr><td class="label">Patient:</td><td class="text">Carter III, Robert Lee</td><td class="label">Chart #</td><td>RC-20931</td><td class="label">DOB:</td><td>03/03/1980</td><td class="label">Sex:</td><td>Male</td></tr></table>',
      name: 'Carter III, Robert Lee',
      mrn: { system: 'MRN', type: 'MR', value: 'RC-20931' },
    },
    {
      shape: 'an identifier system URL above its value',
      html: '<h1 class="PatientHeader-name">Mrs. Jane A. Doe</h1><div class="PatientHeader-root"><div><div class="overline">Date of birth</div><div>Mar 3, 1980</div></div><div><div class="overline">http://hospital.example/mrn</div><div>MRN-4471</div></div></div>',
      name: 'Mrs. Jane A. Doe',
      mrn: { system: 'http://hospital.example/mrn', type: 'MR', value: 'MRN-4471' },
    },
    {
      shape: 'an OID with its value in one text',
      html: '<p>Name: Jane Doe</p><p>DOB: 1980-03-03</p><p>urn:oid:2.16.840.1.113883.19.5|884421</p>',
      name: 'Jane Doe',
      mrn: { system: 'urn:oid:2.16.840.1.113883.19.5', type: 'MR', value: '884421' },
    },
    {
      shape: 'a banner bar with separators and labels without colons',
      html: '<div id="banner"><span class="ptname">DOE JR, JOHN A</span> | DOB 03/03/1980 | MRN 00471203 | Age 44</div>',
      name: 'DOE JR, JOHN A',
      mrn: { system: 'MRN', type: 'MR', value: '00471203' },
    },
    {
      shape: 'every field in one text',
      html: '<td>Name: DOE, JANE Date of birth: 03/03/1980 MRN: 884421</td>',
      name: 'DOE, JANE',
      mrn: { system: 'MRN', type: 'MR', value: '884421' },
    },
    {
      shape: 'an unlabelled name in the banner, labelled fields beside it',
      html: '<header class="patient-demographics"><span class="fullname">Doe, Jane Marie</span><span class="kv"><span class="k">Medical record number</span><span class="v">H0077120</span></span><span class="kv"><span class="k">Date of birth</span><span class="v">3 March 1980</span></span></header>',
      name: 'Doe, Jane Marie',
      mrn: { system: 'MRN', type: 'MR', value: 'H0077120' },
    },
  ])('reads $shape', ({ html, name, mrn }) => {
    const reading = read(html);
    expect(reading.context.identity.name).toBe(name);
    expect(reading.context.identity.birthDate).toBe('1980-03-03');
    expect(reading.context.identity.identifiers).toEqual([mrn]);
    expect(reading.identityConfirmed).toBe(true);
    expect(reading.evidence?.name).toMatch(/^generic /);
    expect(reading.evidence?.birthDate).toMatch(/^generic label "/);
    expect(reading.evidence?.mrn).toMatch(/^generic /);
  });

  it.each([
    ['DOE, JANE M', 'Jane Doe'],
    ['Mrs. Jane Doe', 'DOE, JANE'],
    ['Vance-Kim, Eleanor (Dr.)', 'Eleanor Vance-Kim'],
    ['DOE, JANE (45 y.o. F)', 'Jane Doe'],
  ])('counts %j and %j as one person', (first, second) => {
    const reading = read(`<p>Patient: ${first}</p><p>Name: ${second}</p><p>DOB: 1980-03-03</p>`);
    expect(reading.identityConfirmed).toBe(true);
    expect(reading.context.identity.name).toBe(first.replace(' (45 y.o. F)', ''));
  });

  it('tells "John Smith Jr." and "John Smith Sr." apart', () => {
    const reading = read(
      '<p>Patient: John Smith Jr.</p><p>Name: John Smith Sr.</p><p>DOB: 1980-03-03</p>',
    );
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.context.identity.name).toBeNull();
  });
});

describe('generic reader: web components in open shadow roots', () => {
  afterEach(() => document.body.replaceChildren());

  function shadowPage(): Document {
    document.body.innerHTML = '<cobalt-app></cobalt-app>';
    const app = document.querySelector('cobalt-app') as Element;
    const appRoot = app.attachShadow({ mode: 'open' });
    appRoot.innerHTML =
      '<nav aria-label="Schedule"><a>Rahman, Imran</a><a>Smith, John</a></nav><main><cobalt-banner></cobalt-banner></main>';
    const banner = appRoot.querySelector('cobalt-banner') as Element;
    banner.attachShadow({ mode: 'open' }).innerHTML =
      '<h1 part="name">Vance-Kim, Eleanor (Dr.)</h1><dl><div><dt>Born</dt><dd>1961-07-14</dd></div><div><dt>Patient ID</dt><dd>CB-000731</dd></div><div><dt>PCP</dt><dd>Lee, Anna MD</dd></div></dl>';
    return document;
  }

  it('reads the banner of a web component', () => {
    const reading = readGeneric(shadowPage(), URL_OF_PAGE);
    expect(reading.context.identity).toMatchObject({
      name: 'Vance-Kim, Eleanor (Dr.)',
      birthDate: '1961-07-14',
      identifiers: [{ system: 'MRN', type: 'MR', value: 'CB-000731' }],
    });
    expect(reading.identityConfirmed).toBe(true);
  });

  it('gives the identity watch the elements it read, inside shadow roots too', () => {
    const page = shadowPage();
    const elements = genericIdentityElements(page);
    const texts = elements.map((element) => element.textContent);
    expect(texts).toEqual(
      expect.arrayContaining(['Vance-Kim, Eleanor (Dr.)', 'Born', '1961-07-14', 'CB-000731']),
    );
    expect(elements.every((element) => element.getRootNode() !== page)).toBe(true);
  });
});

describe('generic reader: other people on the page', () => {
  const banner =
    '<div id="banner-bar"><div class="pt-name">CARTER JR, JAMES M</div><div><span class="lbl">DOB:</span> Jul 14, 1961</div><div><span class="lbl">MRN:</span> 88-0042-1</div><div><span class="lbl">Attending:</span> Natarajan, Priya MD</div></div>';
  it.each([
    {
      others: 'a recent-patients list with birth dates and MRNs',
      html: '<div class="pane"><h2>Recent Patients</h2><ul><li><a>SMITH, JOHN</a><br><span class="sub">01/04/1970 · MRN 88-0057-3</span></li><li><a>RAHMAN, IMRAN</a><br><span class="sub">05/05/1990 · MRN 88-0071-2</span></li></ul></div>',
    },
    {
      others: 'an emergency contact card',
      html: '<section><h3>Emergency contact</h3><p>Relationship: Spouse</p><p>Name: CARTER, LINDA M</p><p>DOB: 02/02/1963</p></section>',
    },
    {
      others: 'a family contact in a card whose title is not a heading element',
      html: '<div class="card"><div class="card-title">Family &amp; contacts</div><div class="row">Name: Carter, Linda</div></div>',
    },
    {
      others: 'a message sender and a care team',
      html: '<div class="pane"><h2>Message Center</h2><b>From:</b> GREENE, THOMAS J MD</div><table><tr><td>Psychiatry</td><td>Natarajan, Priya MD</td></tr></table>',
    },
    {
      others: 'a patient list in the navigation',
      html: '<nav aria-label="My patients"><div>Patient: Smith, John</div><div>Patient: Rahman, Imran</div></nav>',
    },
    {
      others: 'a table of people under a header row',
      html: '<table><tr><th>Name</th><th>DOB</th></tr><tr><td>Smith, John</td><td>01/04/1970</td></tr><tr><td>Rahman, Imran</td><td>05/05/1990</td></tr></table>',
    },
    {
      others: 'a list of people with labelled names',
      html: '<ul><li>Name: Smith, John</li><li>Name: Rahman, Imran</li></ul>',
    },
    {
      others: 'a patient picker',
      html: '<form>Patient: <select><option>SMITH, JOHN - 00529911</option><option>CARTER JR, JAMES M - 88-0042-1</option></select></form>',
    },
  ])('reads the patient beside $others', ({ html }) => {
    const reading = read(`${banner}${html}`);
    expect(reading.context.identity.name).toBe('CARTER JR, JAMES M');
    expect(reading.context.identity.birthDate).toBe('1961-07-14');
    expect(reading.context.identity.identifiers).toEqual([
      { system: 'MRN', type: 'MR', value: '88-0042-1' },
    ]);
    expect(reading.identityConfirmed).toBe(true);
  });

  it.each([
    {
      page: 'a merge review with two records side by side',
      html: '<table><thead><tr><th></th><th>Record 1</th><th>Record 2</th></tr></thead><tbody><tr><th scope="row">Patient name</th><td>SMITH JR, JOHN A</td><td>SMITH, JOHN P</td></tr><tr><th scope="row">Date of birth</th><td>03/03/1970</td><td>01/04/1970</td></tr><tr><th scope="row">MRN</th><td>10-55012</td><td>10-70931</td></tr></tbody></table>',
    },
    {
      page: 'two patient cards of a compare screen',
      html: '<div class="patient-card">Name: Smith, John<br>DOB: 03/03/1970</div><div class="patient-card">Name: Smith, Joan<br>DOB: 01/04/1971</div>',
    },
    {
      page: 'two banners',
      html: `${banner}<div id="banner-bar"><div class="pt-name">SMITH, JOHN</div><div><span class="lbl">DOB:</span> Jan 4, 1970</div></div>`,
    },
  ])('refuses to name a patient on $page', ({ html }) => {
    const reading = read(html);
    expect(reading.identityConfirmed).toBe(false);
    expect(reading.context.identity.name).toBeNull();
  });

  it('does not take a button beside a value for a second record', () => {
    const reading = read(
      '<table><tr><th>Name</th><td>Jane Doe</td></tr><tr><th>MRN</th><td>884421</td><td><button>Copy</button></td></tr><tr><th>DOB</th><td>1980-03-03</td><td>Edit</td></tr></table>',
    );
    expect(reading.identityConfirmed).toBe(true);
    expect(reading.context.identity.identifiers).toEqual([
      { system: 'MRN', type: 'MR', value: '884421' },
    ]);
  });
});

describe('generic reader: the identity watch', () => {
  it('names the label and value elements of every field it read', () => {
    const page = parsePage(
      '<body><div class="banner"><span id="l1">Name:</span> <span id="v1">Jane Doe</span></div><dl><dt id="l2">DOB</dt><dd id="v2">1980-03-03</dd></dl><p id="p3">MRN: 884421</p><h2>Medications</h2></body>',
    );
    const ids = genericIdentityElements(page).map((element) => element.id);
    expect(ids.sort()).toEqual(['l1', 'l2', 'p3', 'v1', 'v2']);
    expect(genericAdapter.readIdentity(page, URL_OF_PAGE).context.identity.name).toBe('Jane Doe');
  });
});
