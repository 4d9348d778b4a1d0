const escapeAttr = (s: string) => s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page that embeds the widget exactly as a customer's site would. */
export function demoPage(agentId: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Outdoor — Switchboard demo</title>
<style>
  body { font-family: Georgia, serif; margin: 0; color: #222; background: #faf7f2; }
  header { background: #2f4f3a; color: #fff; padding: 24px 40px; }
  main { max-width: 720px; margin: 40px auto; padding: 0 24px; line-height: 1.6; }
  /* Hostile-looking host styles: the widget lives in a shadow root and must not care. */
  button { background: hotpink !important; font-size: 30px !important; }
  div { letter-spacing: 2px; }
</style>
</head>
<body>
<header><h1>Acme Outdoor</h1><p>Tents, packs and boots since 1987.</p></header>
<main>
  <h2>Welcome</h2>
  <p>This page is a stand-in for a customer's website. The chat button in the corner is the
  Switchboard widget, added with one script tag. Ask it about shipping, returns or opening hours,
  or ask for a human.</p>
</main>
<script src="/widget.js" data-agent="${escapeAttr(agentId)}" data-title="Acme Outdoor" async></script>
</body>
</html>`;
}
