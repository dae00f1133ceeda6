/** How the sidebar sits beside the chart: a setting the clinic's policy or the clinician sets. */
export interface LayoutSettings {
  mode: 'push' | 'overlay';
  width: number;
  collapsed: boolean;
}
