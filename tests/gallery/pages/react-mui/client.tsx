/** @jsxImportSource react */
/**
 * "Meridian": a single-page EHR built the way many are today — React with Material UI, a FHIR-ish
 * JSON API behind it, the patient in the path (`/chart/:id`), switched in the page with
 * `history.pushState`. Each section fetches on its own, so they arrive in any order; the header is
 * re-mounted (its `key` is the patient id) when the new demographics arrive.
 */
import {
  AppBar,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  CssBaseline,
  Drawer,
  LinearProgress,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Toolbar,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface ListEntry {
  id: string;
  display: string;
}
interface Demographics {
  id: string;
  name: { prefix: string | null; given: string[]; family: string; suffix: string | null };
  birthDate: string;
  gender: string;
  identifier: { system: string; value: string }[];
}
interface MedicationRow {
  id: string;
  medication: string;
  dosage: string;
  status: string;
  authoredOn: string;
}
interface ObservationRow {
  id: string;
  code: { code: string; display: string };
  value: number;
  effective: string;
}
interface ConditionRow {
  id: string;
  text: string;
  code: string;
  recorded: string;
}

const medium = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const withTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

function useJson<T>(url: string | null): T | null {
  const [value, setValue] = useState<{ url: string; data: T } | null>(null);
  useEffect(() => {
    if (!url) return;
    let ignore = false;
    fetch(url)
      .then((response) => response.json() as Promise<T>)
      .then((data) => {
        if (!ignore) setValue({ url, data });
      });
    return () => {
      ignore = true;
    };
  }, [url]);
  return value && value.url === url ? value.data : null;
}

function patientIdFromPath(): string | null {
  return /^\/chart\/([^/]+)/.exec(location.pathname)?.[1] ?? null;
}

function displayName(name: Demographics['name']): string {
  return [name.prefix, name.given[0], name.given[1] ? `${name.given[1][0]}.` : null, name.family]
    .filter(Boolean)
    .join(' ')
    .concat(name.suffix ? `, ${name.suffix}` : '');
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="overline" component="div" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function PatientHeader({ patient }: { patient: Demographics }) {
  return (
    <Paper square elevation={1} sx={{ px: 3, py: 2 }} className="PatientHeader-root">
      <Typography variant="h5" component="h1" className="PatientHeader-name">
        {displayName(patient.name)}
      </Typography>
      <Stack direction="row" spacing={4} sx={{ mt: 1 }}>
        <Field label="Date of birth">{medium.format(new Date(patient.birthDate))}</Field>
        <Field label="Gender">{patient.gender}</Field>
        {patient.identifier.map((identifier) => (
          <Field key={identifier.system} label={identifier.system}>
            {identifier.value}
          </Field>
        ))}
      </Stack>
    </Paper>
  );
}

function HeaderSkeleton() {
  return (
    <Paper square elevation={1} sx={{ px: 3, py: 2 }}>
      <Skeleton variant="text" width={320} height={36} />
      <Skeleton variant="text" width={480} />
    </Paper>
  );
}

function Medications({ rows }: { rows: MedicationRow[] | null }) {
  return (
    <Card variant="outlined">
      <CardHeader title="Active medications" titleTypographyProps={{ variant: 'h6' }} />
      <CardContent>
        {rows === null ? (
          <Skeleton variant="rectangular" height={80} />
        ) : (
          <List dense>
            {rows.map((row) => (
              <ListItem key={row.id} disableGutters>
                <ListItemText primary={row.medication} secondary={row.dosage} />
                <Chip size="small" label={row.status} color="success" variant="outlined" />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

function Problems({ rows }: { rows: ConditionRow[] | null }) {
  return (
    <Card variant="outlined">
      <CardHeader title="Problems" titleTypographyProps={{ variant: 'h6' }} />
      <CardContent>
        {rows === null ? (
          <Skeleton variant="rectangular" height={40} />
        ) : (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {rows.map((row) => (
              <Chip key={row.id} label={`${row.text} (${row.code})`} />
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function Observations({ rows }: { rows: ObservationRow[] | null }) {
  return (
    <Card variant="outlined">
      <CardHeader title="Assessments" titleTypographyProps={{ variant: 'h6' }} />
      <CardContent>
        {rows === null ? (
          <Skeleton variant="rectangular" height={120} />
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Assessments">
              <TableHead>
                <TableRow>
                  <TableCell>Observation</TableCell>
                  <TableCell align="right">Value</TableCell>
                  <TableCell>Effective</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.id} hover>
                    <TableCell>{row.code.display}</TableCell>
                    <TableCell align="right">{row.value}</TableCell>
                    <TableCell>{withTime.format(new Date(row.effective))}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </CardContent>
    </Card>
  );
}

function App() {
  const [patientId, setPatientId] = useState(patientIdFromPath);
  const patients = useJson<ListEntry[]>('/api/patients');
  const base = patientId ? `/api/patients/${patientId}` : null;
  const demographics = useJson<Demographics>(base);
  const medications = useJson<MedicationRow[]>(base && `${base}/medications`);
  const conditions = useJson<ConditionRow[]>(base && `${base}/conditions`);
  const observations = useJson<ObservationRow[]>(base && `${base}/observations`);

  useEffect(() => {
    const onPop = () => setPatientId(patientIdFromPath());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.title = demographics ? `${displayName(demographics.name)} – Meridian` : 'Meridian';
  }, [demographics]);

  const open = (id: string) => {
    if (id === patientId) return;
    history.pushState({ patientId: id }, '', `/chart/${id}`);
    setPatientId(id);
  };

  const loading = !demographics || !medications || !observations || !conditions;
  return (
    <Box sx={{ display: 'flex' }}>
      <CssBaseline />
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="div">
            Meridian Health
          </Typography>
        </Toolbar>
        {loading && <LinearProgress color="secondary" />}
      </AppBar>
      <Drawer variant="permanent" sx={{ width: 240, '& .MuiDrawer-paper': { width: 240 } }}>
        <Toolbar variant="dense" />
        <Typography variant="subtitle2" sx={{ px: 2, pt: 2 }}>
          My patients
        </Typography>
        <List dense component="nav" aria-label="My patients">
          {(patients ?? []).map((entry) => (
            <ListItemButton
              key={entry.id}
              component="a"
              href={`/chart/${entry.id}`}
              selected={entry.id === patientId}
              onClick={(event: React.MouseEvent) => {
                event.preventDefault();
                open(entry.id);
              }}
            >
              <ListItemText primary={entry.display} />
            </ListItemButton>
          ))}
        </List>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1 }}>
        <Toolbar variant="dense" />
        {demographics ? (
          <PatientHeader key={demographics.id} patient={demographics} />
        ) : (
          <HeaderSkeleton />
        )}
        <Stack spacing={2} sx={{ p: 3 }}>
          <Problems rows={conditions} />
          <Medications rows={medications} />
          <Observations rows={observations} />
        </Stack>
      </Box>
    </Box>
  );
}

// What the header shows now, for the gallery's switch test (read in the page's own world).
(window as unknown as { galleryHeader(): string | null }).galleryHeader = () =>
  document.querySelector('.PatientHeader-name')?.textContent ?? null;

const container = document.getElementById('root');
if (container) createRoot(container).render(<App />);
