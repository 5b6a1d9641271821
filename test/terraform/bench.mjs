// Parse + lint time of generated Terraform modules (about 300 and 10,000 lines): HCX pairings to VMC
// SDDCs with service meshes and network extensions, the shape the rules read.
//   node build.mjs && node test/terraform/bench.mjs
// Prints wall-clock medians and CPU time (user+system, less sensitive to a busy machine).
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../../dist');
const core = createRequire(import.meta.url)(join(dist, 'core.js'));

export function generate(lines) {
  let text = `terraform {\n  required_providers {\n    hcx = { source = "vmware/hcx" }\n    vmc = { source = "vmware/vmc" }\n  }\n}\n\nprovider "hcx" {\n  hcx = "https://hcx-conn.fra1.example.net"\n}\n\nresource "hcx_location" "fra1" {\n  city      = "Frankfurt"\n  latitude  = 50.11\n  longitude = 8.68\n}\n\nvariable "regions" {\n  default = ["AP_SOUTHEAST_2", "EU_CENTRAL_1", "US_WEST_2", "eu-west-1"]\n}\n`;
  for (let i = 0; text.split('\n').length < lines; i++) {
    text += `
resource "vmc_sddc" "s${i}" {
  sddc_name          = "sddc-${i}"
  region             = var.regions[${i % 4}]
  num_host           = 3
  host_instance_type = "I4I_METAL"
}

resource "hcx_vmc" "s${i}" {
  sddc_name = vmc_sddc.s${i}.sddc_name
}

resource "hcx_site_pairing" "p${i}" {
  url      = hcx_vmc.s${i}.cloud_url
  username = "cloudadmin@vmc.local"
}

resource "hcx_service_mesh" "m${i}" {
  name                  = "mesh-${i}"
  site_pairing          = hcx_site_pairing.p${i}
  local_compute_profile = "cp-fra1"

  service { name = "INTERCONNECT" }
  service { name = "VMOTION" }
  service { name = "NETWORK_EXTENSION" }
}

resource "hcx_l2_extension" "e${i}" {
  site_pairing    = hcx_site_pairing.p${i}
  service_mesh_id = hcx_service_mesh.m${i}.id
  source_network  = "dvpg-app-${i}"
  gateway         = "10.20.${i % 250}.1"
}
`;
  }
  return text;
}

function measure(fn, runs) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn(i);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)].toFixed(1);
  return `${med(wall)} ms wall, ${med(cpu)} ms CPU`;
}

async function main() {
  let t = performance.now();
  await core.initTerraform(dist);
  console.log(`initTerraform: ${(performance.now() - t).toFixed(1)} ms`);
  for (const target of [300, 10000]) {
    const text = generate(target);
    const edited = text.replace('num_host           = 3', 'num_host           = 4');
    const lines = text.split('\n').length;
    const runs = target > 1000 ? 7 : 41;
    core.lintTerraformModule([{ file: 'warmup.tf', text }]);
    core.forgetTerraformFile('warmup.tf');
    const n = core.lintTerraformModule([{ file: 'count.tf', text }]).findings.length;
    core.forgetTerraformFile('count.tf');
    console.log(`${lines} lines (${n} findings):`);
    console.log(`  first parse + lint   ${measure((i) => { core.lintTerraformModule([{ file: `f${i}.tf`, text }]); core.forgetTerraformFile(`f${i}.tf`); }, runs)}`);
    core.lintTerraformModule([{ file: 'e.tf', text }]);
    console.log(`  1-char edit (incr.)  ${measure((i) => core.lintTerraformModule([{ file: 'e.tf', text: i % 2 ? text : edited }]), runs)}`);
    console.log(`  unchanged text       ${measure(() => core.lintTerraformModule([{ file: 'e.tf', text }]), runs)}`);
    core.forgetTerraformFile('e.tf');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
