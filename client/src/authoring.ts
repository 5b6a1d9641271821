// Starting and reading a design: the "New Design" template and the rule documentation picker.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** A small complete design: two metro sites and a remote one, with what the rules judge. */
export const NEW_DESIGN = `# A DCI Lint topology: sites, the links between them, and what the design stretches across them.
# Hover a site list for its RTT table; Ctrl+Space completes keys and site ids.
dci: 1
name: \${1:my-design}
sites:
  fra1:
    name: Frankfurt
    location: { lat: 50.1109, lon: 8.6821 }   # decimal degrees, WGS-84
  fra2:
    name: Frankfurt (second campus)
    location: { lat: 50.0379, lon: 8.5622 }
  ams1:
    name: Amsterdam
    location: { lat: 52.3676, lon: 4.9041 }
links:
  - between: [fra1, fra2]
    medium: fiber
    bandwidth_mbps: 100000
  - between: [fra1, ams1]
    medium: fiber
    bandwidth_mbps: 10000
segments:
  - name: app-vlan-120
    vlan: 120
    sites: [fra1, fra2]
clusters:
  - name: prod-stretched
    kind: vsan-stretched
    version: "8.0"
    sites: [fra1, fra2]
    witness: ams1
migrations:
  - name: evacuate-to-ams
    method: vmotion
    platform: { product: vsphere, version: "8.0" }
    path: [fra1, ams1]
replication:
  - name: db-sync
    mode: synchronous
    sites: [fra1, fra2]
$0`;

export async function newDesign(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(NEW_DESIGN));
}

interface RulePick extends vscode.QuickPickItem {
  id: string;
}

/** The rules whose pages ship in the extension (docs/rules/*.md): id and the page's one-line summary. */
export function shippedRules(extensionPath: string): RulePick[] {
  const dir = path.join(extensionPath, 'docs', 'rules');
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.md'));
  } catch {
    return [];
  }
  return names.sort().map((n) => {
    const id = n.slice(0, -3);
    let summary = '';
    try {
      // The first paragraph after the "# id" heading is the rule's summary.
      const text = fs.readFileSync(path.join(dir, n), 'utf8');
      summary = /^#[^\n]*\n+([^\n#][^\n]*)/.exec(text)?.[1]?.trim() ?? '';
    } catch {
      // unreadable page: listed without a summary
    }
    return { id, label: id, detail: summary };
  });
}

/** Opens a rule's page from the extension (offline, Markdown preview); asks which rule when none is given. */
export async function showDocumentation(extensionPath: string, ruleId?: unknown, url?: unknown): Promise<void> {
  let id = typeof ruleId === 'string' && /^[a-z0-9-]+$/.test(ruleId) ? ruleId : undefined;
  if (!id) {
    const pick = await vscode.window.showQuickPick(shippedRules(extensionPath), {
      title: 'DCI Lint: rule documentation',
      placeHolder: 'Pick a rule',
      matchOnDetail: true,
    });
    if (!pick) return;
    id = pick.id;
  }
  const local = path.join(extensionPath, 'docs', 'rules', `${id}.md`);
  if (fs.existsSync(local)) {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(local));
    return;
  }
  if (typeof url === 'string' && /^https:\/\//.test(url)) await vscode.env.openExternal(vscode.Uri.parse(url));
  else void vscode.window.showWarningMessage(`DCI Lint: no documentation page for \`${id}\` in this extension.`);
}
