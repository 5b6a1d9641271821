-- Neovim 0.7 (Debian) as a real LSP client: attach to the DCI Lint server, receive the diagnostics of a
-- fixture, ask for code actions, apply the quick fix, and see the diagnostic go away.
-- Run by scripts/e2e-nvim.sh: nvim --headless --clean -u NONE -c "luafile test/e2e/nvim/quickfix.lua"
-- Env: DCI_SERVER (dist/server.js), DCI_FILE (a copy of the fixture we may edit).

local function log(msg) io.stdout:write(msg .. '\n') end
local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local server = assert(os.getenv('DCI_SERVER'), 'DCI_SERVER not set')
  local file = assert(os.getenv('DCI_FILE'), 'DCI_FILE not set')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)

  local published = {} -- version -> diagnostics, and the latest
  local latest = nil
  -- The documented configuration (editors/nvim/lua/dci_lint.lua, docs/editors.md), with the test's handlers.
  vim.opt.runtimepath:append(assert(os.getenv('DCI_NVIM_RUNTIME'), 'DCI_NVIM_RUNTIME not set'))
  local client_id = require('dci_lint').attach(bufnr, {
    cmd = { 'node', server, '--stdio' },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        if result.uri == uri then
          latest = result.diagnostics
          published[#published + 1] = result
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
      end,
    },
  })
  if not client_id then return fail('could not start the server') end

  local function codes(list)
    local out = {}
    for _, d in ipairs(list or {}) do out[#out + 1] = d.code end
    return table.concat(out, ',')
  end
  local function find(list, code)
    for _, d in ipairs(list or {}) do if d.code == code then return d end end
  end

  if not vim.wait(15000, function() return latest ~= nil and #latest > 0 end, 50) then
    return fail('no diagnostics within 15 s')
  end
  log('DIAGNOSTICS ' .. codes(latest))
  if codes(latest) ~= 'stretched-l2-distance,unknown-site,sync-replication-rtt' then return fail('unexpected diagnostics ' .. codes(latest)) end
  local d = find(latest, 'unknown-site')
  log(string.format('DIAG %d:%d-%d:%d %s %s', d.range.start.line, d.range.start.character, d.range['end'].line, d.range['end'].character, d.source, d.message))
  if d.source ~= 'dci-lint' or d.range.start.line ~= 33 or d.range.start.character ~= 8 or d.range['end'].character ~= 13 then
    return fail('wrong range or source for unknown-site')
  end
  -- The diagnostics reached Neovim's own diagnostic store too.
  local stored = vim.diagnostic.get(bufnr)
  if #stored ~= 3 then return fail('vim.diagnostic has ' .. #stored .. ' entries') end

  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = d.range.start }, 5000)
  local hover_text = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value or ''
  log('HOVER ' .. hover_text:gsub('\n.*', ''))
  if not hover_text:find('unknown%-site') then return fail('hover does not explain the finding') end

  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = d.range,
    context = { diagnostics = { d } },
  }, 5000)
  local actions = responses and responses[client_id] and responses[client_id].result or {}
  local fix
  for _, a in ipairs(actions) do
    log('CODEACTION ' .. a.title .. (a.isPreferred and ' (preferred)' or ''))
    if a.isPreferred and a.edit then fix = fix or a end
  end
  if #actions ~= 4 then return fail('expected 4 code actions, got ' .. #actions) end
  if not fix or fix.title ~= 'Replace with `ams1`' then return fail('no preferred quick fix') end

  local before = #published
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  log('APPLIED line 34: ' .. vim.api.nvim_buf_get_lines(bufnr, 33, 34, false)[1])
  -- Neovim sends didChange itself; the server re-publishes for the new version.
  if not vim.wait(15000, function() return #published > before and find(latest, 'unknown-site') == nil end, 50) then
    return fail('unknown-site still reported after the fix: ' .. codes(latest))
  end
  log('AFTER FIX ' .. codes(latest))
  if codes(latest) ~= 'stretched-l2-distance,sync-replication-rtt' then return fail('unexpected diagnostics after the fix') end

  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  log('PASS')
end)

if not ok then fail(tostring(err)) end
vim.cmd('qall!')
