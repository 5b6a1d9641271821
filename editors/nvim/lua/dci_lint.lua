-- DCI Lint for Neovim's built-in LSP client (Neovim 0.7 and later), without plugins.
--
--   -- init.lua (after `npm install -g dci-lint`, which puts `dci-lint-server` on PATH):
--   vim.opt.runtimepath:append('/path/to/dci-lint/editors/nvim')   -- or copy this file to lua/
--   require('dci_lint').setup()
--
-- It attaches the DCI Lint language server to YAML and Terraform buffers; the server itself decides
-- which YAML is a topology (`*.dci.yaml`, or `dci: 1` at the top) and leaves other YAML alone.
-- Neovim 0.11+ users may prefer `vim.lsp.config` / `vim.lsp.enable` and nvim-lspconfig users its
-- `configs` table: both take `M.config()` as is (see docs/editors.md).
local M = {}

--- The client configuration: a table for vim.lsp.start_client / vim.lsp.start / vim.lsp.config.
--- opts.cmd (default { 'dci-lint-server', '--stdio' }), opts.settings (the `dciLint` settings of the
--- VS Code extension: enable, run, rules.customizations, inlayHints.enable, codeLens.enable),
--- opts.handlers (extra LSP handlers), opts.root_dir (a path; default: the buffer's folder, or the
--- nearest folder upward with .dci-lint.yaml or .git).
function M.config(opts)
  opts = opts or {}
  return {
    name = 'dci-lint',
    cmd = opts.cmd or { 'dci-lint-server', '--stdio' },
    filetypes = { 'yaml', 'terraform', 'hcl', 'terraform-vars' },
    root_dir = opts.root_dir,
    root_markers = { '.dci-lint.yaml', '.dci-lint.yml', '.git' },
    settings = { dciLint = vim.tbl_deep_extend('force', { enable = true, run = 'onType' }, opts.settings or {}) },
    handlers = opts.handlers,
  }
end

local function root_for(bufnr, markers)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then found = vim.fn.finddir(marker, dir .. ';') end
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git/?$', '') end
  end
  return dir
end

--- Starts (or reuses) the client for `bufnr` and attaches it; returns the client id. Works on 0.7.
function M.attach(bufnr, opts)
  local cfg = M.config(opts)
  cfg.root_dir = cfg.root_dir or root_for(bufnr, cfg.root_markers)
  M.clients = M.clients or {}
  local id = M.clients[cfg.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(cfg)
    M.clients[cfg.root_dir] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

--- Attaches DCI Lint to every YAML and Terraform buffer.
function M.setup(opts)
  local group = vim.api.nvim_create_augroup('dci_lint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config(opts).filetypes,
    callback = function(args) M.attach(args.buf, opts) end,
  })
end

return M
