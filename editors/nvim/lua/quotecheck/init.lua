-- editors/nvim/lua/quotecheck/init.lua — the quotecheck plugin for Neovim
-- 0.7 and later.
--
--   require('quotecheck').setup({
--     cmd = { 'quotecheck', 'lsp' },      -- the binary and its arguments
--     sources = { 'wire', 'statements' },  -- replace the .quotecheck.json sources
--     extra_sources = { 'archive' },       -- add to the sources, however found
--     severity = { ['weak-source'] = 'off' },
--     inlay_hints = true,
--     debounce_ms = 150,
--     config_path = nil,                   -- a .quotecheck.json to use instead
--   })
--
-- On Neovim 0.11+ setup() hands the config to vim.lsp.config() and calls
-- vim.lsp.enable('quotecheck') (lsp/quotecheck.lua holds the defaults); on
-- older releases a FileType autocommand finds the root (the nearest folder
-- with .quotecheck.json, else .git, else the file's folder) and starts or
-- reuses one client per root (vim.lsp.start on 0.8-0.10,
-- vim.lsp.start_client + buf_attach_client on 0.7).
--
-- Commands (plugin/quotecheck.lua): :QuotecheckReindex, :QuotecheckAudit
-- [DIR]. Health: :checkhealth quotecheck (lua/quotecheck/health.lua).
local M = {}

local api = vim.api
local uv = vim.loop or vim.uv

M.install_url = 'https://github.com/quotecheck/quotecheck/blob/main/editors/README.md#install-the-quotecheck-binary'

local defaults = {
  cmd = { 'quotecheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.quotecheck.json', '.git' },
  sources = nil,
  extra_sources = nil,
  severity = nil,
  inlay_hints = nil,
  debounce_ms = nil,
  config_path = nil,
  settings = nil,      -- raw server settings, merged under the options above
  on_attach = nil,
  capabilities = nil,
  native = nil,        -- nil: vim.lsp.config/enable when Neovim has them; false: never
}

M.options = vim.deepcopy(defaults)
M._configured = false
local legacy_clients = {}   -- root -> client id (Neovim 0.7)
local warned_missing = false

local function has(feature)
  return vim.fn.has(feature) == 1
end

function M.native()
  return M.options.native ~= false and has('nvim-0.11') and vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

local function notify(msg, level)
  vim.notify(msg, level or vim.log.levels.INFO, { title = 'quotecheck' })
end

--- The settings the server reads (workspace/configuration section
--- "quotecheck" and initializationOptions), from the options.
function M.server_settings(o)
  o = o or M.options
  local s = vim.deepcopy(o.settings or {})
  if o.sources then s.sources = o.sources end
  if o.extra_sources then s.extraSources = o.extra_sources end
  if o.severity then s.severity = o.severity end
  if o.inlay_hints ~= nil then s.inlayHints = o.inlay_hints end
  if o.debounce_ms ~= nil then s.debounceMs = o.debounce_ms end
  if o.config_path ~= nil then s.configPath = o.config_path end
  return s
end

--- The command that starts the server: setup()'s, else the one
--- vim.lsp.config holds (0.11+, e.g. from lsp/quotecheck.lua), else the default.
function M.cmd()
  if not M._configured and M.native() then
    local ok, cfg = pcall(function() return vim.lsp.config.quotecheck end)
    if ok and type(cfg) == 'table' and type(cfg.cmd) == 'table' then
      return cfg.cmd
    end
  end
  return M.options.cmd
end

--- The nearest folder above `path` (a file or folder) holding one of the
--- markers, tried in order (as vim.fs.root does); nil when none.
function M.find_root(path, markers)
  markers = markers or M.options.root_markers
  local start
  if path == nil or path == '' then
    start = uv.cwd()
  else
    start = vim.fn.fnamemodify(path, ':p')
    if vim.fn.isdirectory(start) == 0 then start = vim.fn.fnamemodify(start, ':h') end
  end
  start = start:gsub('/+$', '')
  if start == '' then start = '/' end
  for _, marker in ipairs(markers) do
    local dir = start
    while true do
      if uv.fs_stat(dir .. '/' .. marker) then return dir end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then break end
      dir = parent
    end
  end
  return nil
end

--- The root for a buffer: the markers' folder, else the file's folder, else the cwd.
function M.root_for(bufnr)
  local name = api.nvim_buf_get_name(bufnr or 0)
  local root = M.find_root(name)
  if root then return root end
  if name ~= '' then return vim.fn.fnamemodify(name, ':p:h') end
  return uv.cwd()
end

local function check_binary(cmd)
  if vim.fn.executable(cmd[1]) == 1 then return true end
  if not warned_missing then
    warned_missing = true
    notify(('quotecheck: the binary "%s" was not found. Install it (%s) or pass its path: '
            .. "require('quotecheck').setup({ cmd = { '/path/to/quotecheck', 'lsp' } })")
             :format(cmd[1], M.install_url), vim.log.levels.ERROR)
  end
  return false
end

local function client_config(root)
  local o = M.options
  local s = M.server_settings(o)
  return {
    name = 'quotecheck',
    cmd = o.cmd,
    root_dir = root,
    workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil,
    init_options = next(s) and s or nil,
    settings = { quotecheck = s },
    on_attach = o.on_attach,
    capabilities = o.capabilities,
  }
end

--- Attach the server to a buffer (Neovim before 0.11). Returns the client id.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' or not check_binary(M.options.cmd) then return nil end
  local root = M.root_for(bufnr)
  local config = client_config(root)
  if vim.lsp.start then   -- 0.8+: reuses a client with the same name and root
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = legacy_clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    legacy_clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- lists replace, not merge
  for _, k in ipairs({ 'cmd', 'filetypes', 'root_markers', 'sources' }) do
    if opts and opts[k] then M.options[k] = opts[k] end
  end
  M._configured = true
  local o = M.options
  if M.native() then
    local s = M.server_settings(o)
    vim.lsp.config('quotecheck', {
      cmd = o.cmd,
      filetypes = o.filetypes,
      root_markers = o.root_markers,
      init_options = next(s) and s or nil,
      settings = { quotecheck = s },
      on_attach = o.on_attach,
      capabilities = o.capabilities,
    })
    check_binary(o.cmd)
    vim.lsp.enable('quotecheck')
    return M
  end
  local group = api.nvim_create_augroup('quotecheck', { clear = true })
  api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = o.filetypes,
    callback = function(args) M.attach(args.buf) end,
    desc = 'quotecheck: attach the language server',
  })
  -- buffers already open
  for _, b in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(b) and vim.tbl_contains(o.filetypes, vim.bo[b].filetype) then
      M.attach(b)
    end
  end
  return M
end

--- The running quotecheck clients (of a buffer when bufnr is given).
function M.clients(bufnr)
  local all = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  local out = {}
  for _, c in ipairs(all) do
    if c.name == 'quotecheck' and (bufnr == nil or (c.attached_buffers and c.attached_buffers[bufnr])
                                   or vim.lsp.buf_is_attached(bufnr, c.id)) then
      table.insert(out, c)
    end
  end
  return out
end

local function request(client, method, params, handler, bufnr)
  if has('nvim-0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- :QuotecheckReindex — read the source corpus again (workspace/executeCommand quotecheck.reindex).
function M.reindex(on_done)
  local clients = M.clients()
  if #clients == 0 then
    notify('quotecheck: no language server is running (open a Markdown or text file)', vim.log.levels.WARN)
    return false
  end
  local pending = #clients
  for _, c in ipairs(clients) do
    request(c, 'workspace/executeCommand', { command = 'quotecheck.reindex', arguments = {} }, function(err)
      if err then
        notify('quotecheck: re-indexing failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      end
      pending = pending - 1
      if pending == 0 then
        if not err then notify('quotecheck: sources re-indexed') end
        if on_done then on_done(err) end
      end
    end, 0)
  end
  return true
end

local function json_decode(s)
  if vim.json and vim.json.decode then return vim.json.decode(s) end
  return vim.fn.json_decode(s)
end

local function null(v)
  return v == nil or v == vim.NIL
end

local severity_type = { error = 'E', warning = 'W', info = 'I', information = 'I', hint = 'N' }

--- Quickfix items of an `audit --format json` report run in `dir`.
function M.audit_items(report, dir)
  local items, lines = {}, {}
  local function byte_col(file, lnum, cp)
    if lines[file] == nil then
      lines[file] = vim.fn.filereadable(file) == 1 and vim.fn.readfile(file) or {}
    end
    local text = lines[file][lnum] or ''
    local b = vim.fn.byteidxcomp(text, cp - 1)
    return (b < 0 and #text or b) + 1
  end
  for _, f in ipairs(report.files or {}) do
    local file = f.path:sub(1, 1) == '/' and f.path or (dir .. '/' .. f.path)
    for _, d in ipairs(f.diagnostics or {}) do
      local r = d.range
      local text = d.message .. ' [' .. d.code .. ']'
      local ev = not null(d.evidence) and d.evidence[1] or nil
      if ev and not null(ev.outlet) then text = text .. ' ↳ ' .. ev.outlet end
      table.insert(items, {
        filename = file,
        lnum = r.start.line,
        col = byte_col(file, r.start.line, r.start.column),
        end_lnum = r['end'].line,
        end_col = byte_col(file, r['end'].line, r['end'].column),
        type = severity_type[d.severity] or 'N',
        text = text,
      })
    end
  end
  return items
end

--- :QuotecheckAudit [DIR] — `quotecheck audit --format json` on DIR (default:
--- the current buffer's root) into the quickfix list, opened when not empty.
function M.audit(dir, on_done)
  dir = (dir and dir ~= '') and vim.fn.fnamemodify(dir, ':p'):gsub('/+$', '') or M.root_for(0)
  local bin = M.cmd()[1]
  if not check_binary({ bin }) then return nil end
  local args = { bin, 'audit', '--format', 'json', '--color', 'never' }
  local root_sources = M.options.sources
  for _, s in ipairs(root_sources or {}) do
    vim.list_extend(args, { '--sources', s })
  end
  table.insert(args, '.')
  local stdout, stderr = {}, {}
  notify('quotecheck: auditing ' .. dir)
  local job = vim.fn.jobstart(args, {
    cwd = dir,
    stdout_buffered = true,
    stderr_buffered = true,
    on_stdout = function(_, data) stdout = data end,
    on_stderr = function(_, data) stderr = data end,
    on_exit = function(_, code)
      local text = table.concat(stdout, '\n')
      local ok, report = pcall(json_decode, text)
      if not ok or type(report) ~= 'table' then
        notify(('quotecheck audit failed (exit %d): %s'):format(code, table.concat(stderr, '\n')),
               vim.log.levels.ERROR)
        if on_done then on_done(nil) end
        return
      end
      local items = M.audit_items(report, dir)
      vim.fn.setqflist({}, ' ', { title = 'quotecheck audit: ' .. dir, items = items })
      local s = report.summary or {}
      notify(('quotecheck: %d finding(s) in %s draft(s)'):format(#items, tostring(s.files or '?')))
      if #items > 0 then vim.cmd('botright copen') end
      if on_done then on_done(items) end
    end,
  })
  if job <= 0 then notify('quotecheck: cannot run ' .. bin, vim.log.levels.ERROR) end
  return job
end

--- The corpus folders the server would use for `root`, and where they come
--- from (setup's sources, .quotecheck.json, or <root>/corpus).
function M.corpus_dirs(root)
  local function abs(p, base)
    if p:sub(1, 1) == '/' then return p end
    return base .. '/' .. p:gsub('^%./', '')
  end
  local dirs = {}
  if M.options.sources then
    for _, s in ipairs(M.options.sources) do table.insert(dirs, abs(s, root)) end
    return dirs, 'setup({ sources = ... })'
  end
  local cfgdir = M.find_root(root, { '.quotecheck.json' })
  if cfgdir then
    local file = cfgdir .. '/.quotecheck.json'
    local ok, cfg = pcall(function() return json_decode(table.concat(vim.fn.readfile(file), '\n')) end)
    if not ok or type(cfg) ~= 'table' then return {}, file .. ' (cannot be read: ' .. tostring(cfg) .. ')' end
    if type(cfg.sources) == 'table' then
      for _, s in ipairs(cfg.sources) do table.insert(dirs, abs(s, cfgdir)) end
      return dirs, file
    end
  end
  if vim.fn.isdirectory(root .. '/corpus') == 1 then
    return { root .. '/corpus' }, 'the corpus/ folder of ' .. root
  end
  return {}, cfgdir and (cfgdir .. '/.quotecheck.json (no "sources")') or 'nothing'
end

return M
