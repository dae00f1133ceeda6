/**
 * Inline icons. Each is decorative (`aria-hidden`): the text beside it carries the meaning, so an
 * indicator never relies on an icon's shape or colour alone.
 */
import type { JSX } from 'preact';
import type { Indicator } from '../utils/clinical/types';

type IconProps = { class?: string };

function Svg({
  children,
  class: className,
}: IconProps & { children: JSX.Element[] | JSX.Element }) {
  return (
    <svg
      class={className ? `cs-icon ${className}` : 'cs-icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function CriticalIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z" fill="currentColor" />
      <path d="M8 4v5M8 11.2v.8" stroke="var(--cs-on-critical)" stroke-width="2" />
    </Svg>
  );
}

export function WarningIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1 15.5 14.5H.5z" fill="currentColor" />
      <path d="M8 5.5v4.5M8 11.7v.8" stroke="var(--cs-on-warning)" stroke-width="1.8" />
    </Svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 7v5M8 4.2V5" stroke="var(--cs-on-info)" stroke-width="1.8" />
    </Svg>
  );
}

export function IndicatorIcon({ indicator }: { indicator: Indicator }) {
  if (indicator === 'critical') return <CriticalIcon class="cs-icon-critical" />;
  if (indicator === 'warning') return <WarningIcon class="cs-icon-warning" />;
  return <InfoIcon class="cs-icon-info" />;
}

export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="m3 3 10 10M13 3 3 13" stroke="currentColor" stroke-width="2" />
    </Svg>
  );
}

export function CollapseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="m6 3 5 5-5 5" fill="none" stroke="currentColor" stroke-width="2" />
    </Svg>
  );
}

export function ExpandIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="m10 3-5 5 5 5" fill="none" stroke="currentColor" stroke-width="2" />
    </Svg>
  );
}

export function PrintIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path
        d="M4 1h8v4H4zM2 6h12v6h-2v3H4v-3H2z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
      />
    </Svg>
  );
}

export function PhoneIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path
        d="M4 1.5 6 4 4.8 5.8a9 9 0 0 0 5.4 5.4L12 10l2.5 2-1.2 2.3C7 14 2 9 1.7 2.7z"
        fill="currentColor"
      />
    </Svg>
  );
}
