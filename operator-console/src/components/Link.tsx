import type { ComponentChildren } from 'preact';
import { isModifiedClick, navigate } from '../lib/router';

interface Props {
  href: string;
  class?: string;
  children: ComponentChildren;
  'data-testid'?: string;
  'aria-current'?: 'page' | undefined;
  onFocus?: () => void;
}

/** An ordinary link that navigates in-app on a plain click (new tab etc. still work). */
export function Link({ href, children, ...rest }: Props) {
  const onClick = (e: MouseEvent): void => {
    if (isModifiedClick(e)) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
