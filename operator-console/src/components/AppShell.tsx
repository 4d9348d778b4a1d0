import type { ComponentChildren } from 'preact';
import { useAuth } from '../hooks/useAuth';
import { useApprovalAlerts } from '../hooks/useApprovalAlerts';
import { useHelpAlerts } from '../hooks/useHelpAlerts';
import { useReplyAlerts } from '../hooks/useReplyAlerts';
import { BASE } from '../lib/router';
import { APPROVAL_INBOX_QUERY } from '../lib/session-filters';
import { AlertsToggle } from './AlertsToggle';
import { Link } from './Link';
import { OfflineBanner } from './OfflineBanner';
import { Toasts } from './Toasts';
import { UserMenu } from './UserMenu';

interface NavItem {
  href: string;
  label: string;
  match: (path: string, search: string) => boolean;
  admin?: boolean;
  testId: string;
}

const NAV: NavItem[] = [
  { href: `${BASE}/sessions`, label: 'Conversations', testId: 'nav-sessions', match: (p, s) => p.startsWith(`${BASE}/sessions`) && !s.includes('helpRequested=true') && !s.includes('approvalPending=true') },
  { href: `${BASE}/sessions?helpRequested=true&order=waiting`, label: 'Help inbox', testId: 'nav-inbox', match: (p, s) => p.startsWith(`${BASE}/sessions`) && s.includes('helpRequested=true') },
  { href: `${BASE}/sessions${APPROVAL_INBOX_QUERY}`, label: 'Approvals', testId: 'nav-approvals', match: (p, s) => p.startsWith(`${BASE}/sessions`) && s.includes('approvalPending=true') && !s.includes('helpRequested=true') },
  { href: `${BASE}/agents`, label: 'Agents', testId: 'nav-agents', admin: true, match: (p) => p.startsWith(`${BASE}/agents`) },
  { href: `${BASE}/operators`, label: 'Operators', testId: 'nav-operators', admin: true, match: (p) => p.startsWith(`${BASE}/operators`) },
  { href: `${BASE}/api-keys`, label: 'API keys', testId: 'nav-api-keys', admin: true, match: (p) => p.startsWith(`${BASE}/api-keys`) },
  { href: `${BASE}/insights`, label: 'Insights', testId: 'nav-insights', match: (p) => p.startsWith(`${BASE}/insights`) },
  { href: `${BASE}/knowledge`, label: 'Knowledge', testId: 'nav-knowledge', admin: true, match: (p) => p.startsWith(`${BASE}/knowledge`) },
  { href: `${BASE}/webhooks`, label: 'Webhooks', testId: 'nav-webhooks', admin: true, match: (p) => p.startsWith(`${BASE}/webhooks`) },
];

/** The signed-in frame: header with navigation, offline banner, toasts, and the page. */
export function AppShell({ path, search, children }: { path: string; search: string; children: ComponentChildren }) {
  const { operator } = useAuth();
  useHelpAlerts();
  useReplyAlerts();
  useApprovalAlerts();
  const items = NAV.filter((item) => !item.admin || operator.role === 'admin');
  return (
    <div class="app">
      <header class="header">
        <Link href={`${BASE}/sessions`} class="brand">
          <span class="brand__mark" aria-hidden="true">◆</span> Switchboard
        </Link>
        <nav class="nav" aria-label="Main">
          {items.map((item) => (
            <Link key={item.href} href={item.href} class="nav__item" data-testid={item.testId} aria-current={item.match(path, search) ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div class="header__end">
          <AlertsToggle />
          <UserMenu />
        </div>
      </header>
      <OfflineBanner />
      <main class="main">{children}</main>
      <Toasts />
    </div>
  );
}
