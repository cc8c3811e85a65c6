-- editors/nvim/lua/quotecheck/health.lua — :checkhealth quotecheck: the
-- binary, its version, the corpus the current buffer's root would use and
-- the running servers. Works with Neovim 0.7's require('health').report_*
-- and 0.10+'s vim.health.start/ok/…
local M = {}

local h = vim.health or require('health')
local start = h.start or h.report_start
local ok = h.ok or h.report_ok
local info = h.info or h.report_info
local warn = h.warn or h.report_warn
local error = h.error or h.report_error

local function trim(s)
  return (s:gsub('^%s+', ''):gsub('%s+$', ''))
end

function M.check()
  local qc = require('quotecheck')
  start('quotecheck: binary')
  local v = vim.version and vim.version() or { major = 0, minor = 0, patch = 0 }
  info(('Neovim %d.%d.%d: %s'):format(v.major, v.minor, v.patch, qc.native()
    and 'setup() uses vim.lsp.config + vim.lsp.enable'
    or 'setup() attaches with a FileType autocommand (vim.lsp.enable needs 0.11)'))
  local cmd = qc.cmd()
  local exe = vim.fn.exepath(cmd[1])
  if exe == '' then
    error(('binary not found: "%s"'):format(cmd[1]), {
      'Install quotecheck: ' .. qc.install_url,
      "or give its path: require('quotecheck').setup({ cmd = { '/path/to/quotecheck', 'lsp' } })",
    })
    return
  end
  ok('binary: ' .. exe)
  local out = vim.fn.system({ exe, '--version' })
  if vim.v.shell_error ~= 0 then
    error('`' .. exe .. ' --version` failed: ' .. trim(out))
    return
  end
  ok('version: ' .. trim(out))

  start('quotecheck: corpus')
  local root = qc.root_for(0)
  info('root: ' .. root)
  local dirs, from = qc.corpus_dirs(root)
  if #dirs == 0 then
    warn('no source corpus found (from ' .. from .. ')', {
      'Add a .quotecheck.json with { "sources": ["folder", ...] } at the root of your drafts,',
      'or a corpus/ folder there, or setup({ sources = { ... } }).',
    })
  else
    local args, missing = { exe, 'sources' }, {}
    for _, d in ipairs(dirs) do
      if vim.fn.isdirectory(d) == 1 then
        vim.list_extend(args, { '--sources', d })
      else
        table.insert(missing, d)
      end
    end
    for _, d in ipairs(missing) do error('source folder does not exist: ' .. d) end
    if #args > 2 then
      local lines = vim.fn.systemlist(args)
      local summary = lines[#lines] or ''
      if vim.v.shell_error ~= 0 and not summary:find('articles') then
        error('`quotecheck sources` failed: ' .. table.concat(lines, ' '))
      else
        ok(('corpus: %s (from %s): %s'):format(table.concat(dirs, ', '), from, trim(summary)))
      end
    end
  end

  start('quotecheck: language server')
  local clients = qc.clients()
  if #clients == 0 then
    info('not running (it starts when a Markdown or text file is opened)')
  end
  for _, c in ipairs(clients) do
    local n = 0
    for _ in pairs(c.attached_buffers or {}) do n = n + 1 end
    local si = c.server_info or (c.initialize_result and c.initialize_result.serverInfo) or {}
    local name = si.version and (si.name or 'quotecheck') .. ' ' .. si.version or 'quotecheck'
    ok(('client %d: %s, root %s, %d buffer(s)'):format(c.id, name, c.config.root_dir or '?', n))
  end
end

return M
