-- Neovim 0.7 as a real client, typing: a half-typed edit (sent as incremental changes) replaces the
-- findings with a syntax error, never leaves stale ones, and undo brings the findings back.
-- Env: DCI_SERVER (dist/server.js), DCI_FILE (a copy of test/lsp/fixtures/metro.dci.yaml).

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
  local latest, count = nil, 0
  -- The documented configuration (editors/nvim/lua/dci_lint.lua, docs/editors.md), with the test's handlers.
  vim.opt.runtimepath:append(assert(os.getenv('DCI_NVIM_RUNTIME'), 'DCI_NVIM_RUNTIME not set'))
  local client_id = require('dci_lint').attach(bufnr, {
    cmd = { 'node', server, '--stdio' },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        if result.uri == uri then latest, count = result.diagnostics, count + 1 end
      end,
    },
  })
  if not client_id then return fail('could not start the server') end
  local function codes()
    local out = {}
    for _, d in ipairs(latest or {}) do out[#out + 1] = d.code end
    return table.concat(out, ',')
  end
  local function wait_codes(expected, what)
    if not vim.wait(15000, function() return codes() == expected end, 50) then
      fail(what .. ': expected ' .. expected .. ', got ' .. codes())
      return false
    end
    log(what .. ' ' .. codes())
    return true
  end

  if not wait_codes('stretched-l2-distance,unknown-site,sync-replication-rtt', 'OPEN') then return end
  -- Line 22 is `    sites: [fra1, fra2, dub1]`: type over it, one keystroke at a time, leaving `[fra1, `.
  local line = vim.api.nvim_buf_get_lines(bufnr, 21, 22, false)[1]
  if line ~= '    sites: [fra1, fra2, dub1]' then return fail('unexpected line 22: ' .. line) end
  for cut = 1, 11 do
    vim.api.nvim_buf_set_text(bufnr, 21, #line - cut, 21, #line - cut + 1, {})
  end
  log('TYPED ' .. vim.api.nvim_buf_get_lines(bufnr, 21, 22, false)[1])
  if not vim.wait(15000, function() return codes():find('syntax') ~= nil end, 50) then return fail('no syntax error for the half-typed list: ' .. codes()) end
  log('BROKEN ' .. codes())
  if codes():find('stretched%-l2%-distance') then return fail('stale stretched-l2-distance finding after the edit') end
  vim.api.nvim_buf_set_lines(bufnr, 21, 22, false, { line })
  if not wait_codes('stretched-l2-distance,unknown-site,sync-replication-rtt', 'RESTORED') then return end
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  log('PASS (' .. count .. ' publishes)')
end)

if not ok then fail(tostring(err)) end
vim.cmd('qall!')
