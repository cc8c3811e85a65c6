-- tests/editors/nvim-plugin.lua — Neovim (0.7+) headless test of the
-- editors/nvim plugin as a user runs it: setup() from
-- nvim-plugin-init.lua, a fixture draft opened in a folder whose
-- .quotecheck.json names the corpus (found by walking up), diagnostics
-- shown, vim.lsp.buf.hover() opening a float, a quick fix applied to the
-- buffer, :QuotecheckReindex, :QuotecheckAudit into the quickfix list,
-- :checkhealth quotecheck, lsp/quotecheck.lua's shape, and the message
-- for a missing binary. Writes PASS/FAIL/SKIP lines to $QC_NVIM_OUT.
-- Cases needing real findings print "SKIP name: waiting for qc_check"
-- when the server reports none.
local out = assert(io.open(os.getenv('QC_NVIM_OUT'), 'w'))
local ws = os.getenv('QC_NVIM_ROOT')
local draft = os.getenv('QC_NVIM_DRAFT')
local bin = os.getenv('QC_BIN')
local qc = require('quotecheck')
local failures = 0
local CODES = { ['misattributed-quote'] = true, ['altered-quote'] = true, ['unsourced-quote'] = true,
                ['figure-mismatch'] = true, ['weak-source'] = true, ['sources-disagree'] = true,
                ['corrected-source'] = true }

local function line(s) out:write(s .. '\n'); out:flush() end
local SKIP = {}
local function skip(why) error({ skip = why }) end
local function case(name, fn)
  local ok, err = pcall(fn)
  if ok then
    line('PASS ' .. name)
  elseif type(err) == 'table' and err.skip then
    line('SKIP ' .. name .. ': ' .. err.skip)
  else
    failures = failures + 1
    line('FAIL ' .. name .. ': ' .. tostring(err))
  end
end
local function messages_matching(pat)
  for _, m in ipairs(_G.qc_messages) do
    if tostring(m.msg):find(pat) then return m end
  end
end

local published = {}
local default_pd = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  table.insert(published, result)
  return default_pd(err, result, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
local client

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

case('nvim-plugin-commands-defined', function()
  assert(vim.fn.exists(':QuotecheckReindex') == 2, ':QuotecheckReindex is not defined')
  assert(vim.fn.exists(':QuotecheckAudit') == 2, ':QuotecheckAudit is not defined')
  assert(not qc.native() or vim.fn.has('nvim-0.11') == 1, 'native path only on 0.11+')
end)

case('nvim-plugin-attach-by-filetype', function()
  assert(vim.bo[bufnr].filetype == 'markdown', 'filetype: ' .. vim.bo[bufnr].filetype)
  assert(vim.wait(10000, function()
    local cs = qc.clients(bufnr)
    return #cs == 1 and cs[1].initialized
  end, 20), 'setup() did not attach an initialized quotecheck client to the draft')
  client = qc.clients(bufnr)[1]
  -- the root is the folder with .quotecheck.json, above the draft's own folder
  assert(client.config.root_dir == ws, 'root_dir ' .. tostring(client.config.root_dir) .. ', want ' .. ws)
  assert(client.server_capabilities.hoverProvider, 'hoverProvider')
  -- a second draft in the same root shares the client
  vim.cmd('split ' .. vim.fn.fnameescape(ws .. '/drafts/second.md'))
  local b2 = vim.api.nvim_get_current_buf()
  assert(vim.wait(5000, function() return #qc.clients(b2) == 1 end, 20), 'second buffer not attached')
  assert(qc.clients(b2)[1].id == client.id, 'a second client was started for the same root')
  assert(#qc.clients() == 1, 'clients: ' .. #qc.clients())
  vim.cmd('close')
end)

local have_findings = false
case('nvim-plugin-diagnostics-shown', function()
  assert(client, 'no client')
  assert(vim.wait(10000, function()
    for _, p in ipairs(published) do if p.uri == uri then return true end end
    return false
  end, 20), 'no publishDiagnostics for the draft')
  -- the corpus loads after initialize; wait for a non-empty set a while
  vim.wait(5000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diags = vim.diagnostic.get(bufnr)
  if #diags == 0 then skip('waiting for qc_check') end
  have_findings = true
  local at = {}
  for _, d in ipairs(diags) do
    local c = code_of(d)
    assert(CODES[c], 'undocumented code ' .. tostring(c))
    assert(d.source == 'quotecheck', 'source ' .. tostring(d.source))
    at[c .. '@' .. (d.lnum + 1)] = d
  end
  for _, want in ipairs({ 'misattributed-quote@9', 'altered-quote@11', 'unsourced-quote@17', 'figure-mismatch@19' }) do
    assert(at[want], 'missing ' .. want .. ' in ' .. vim.inspect(vim.tbl_keys(at)))
  end
  assert(at['misattributed-quote@9'].severity == vim.diagnostic.severity.ERROR, 'misattributed-quote is an error')
  assert(at['unsourced-quote@17'].severity == vim.diagnostic.severity.WARN, 'unsourced-quote is a warning')
end)

local function float_windows()
  local wins = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then table.insert(wins, w) end
  end
  return wins
end

case('nvim-plugin-hover', function()
  assert(client, 'no client')
  -- the misattributed quotation, line 9
  vim.api.nvim_win_set_cursor(0, { 9, 5 })
  vim.lsp.buf.hover()
  local text
  assert(vim.wait(10000, function()
    for _, w in ipairs(float_windows()) do
      local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false)
      text = table.concat(lines, '\n')
      if text:find('Quotation', 1, true) then return true end
    end
    return false
  end, 20), 'no hover window with the quotation; last: ' .. tostring(text))
  if have_findings then
    assert(text:find('Velinova', 1, true), 'the hover names the sources\' speaker: ' .. text)
  end
  for _, w in ipairs(float_windows()) do vim.api.nvim_win_close(w, true) end
end)

case('nvim-plugin-code-action-applied', function()
  assert(client, 'no client')
  if not have_findings then skip('waiting for qc_check') end
  local l = 8   -- 0-based line 9: "… said Prime Minister Jan Morvek."
  local before = vim.api.nvim_buf_get_lines(bufnr, l, l + 1, false)[1]
  local params = {
    textDocument = { uri = uri },
    range = { start = { line = l, character = 0 }, ['end'] = { line = l, character = #before } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, l) },
  }
  assert(#params.context.diagnostics > 0, 'no diagnostics on line 9')
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local r = res and res[client.id]
  assert(r and not r.err, 'codeAction reply: ' .. vim.inspect(res))
  local action
  for _, a in ipairs(r.result or {}) do
    if a.edit and a.title:find('Velinova', 1, true) then action = a end
  end
  assert(action, 'no "Attribute to Mara Velinova" action in ' .. vim.inspect(r.result))
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  local after = vim.api.nvim_buf_get_lines(bufnr, l, l + 1, false)[1]
  assert(after ~= before, 'the buffer did not change')
  assert(after:find('said Mara Velinova', 1, true) and not after:find('Morvek', 1, true), 'line 9 now: ' .. after)
  -- the server re-checks the edited text: the misattribution is gone
  assert(vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = l })) do
      if code_of(d) == 'misattributed-quote' then return false end
    end
    return true
  end, 20), 'misattributed-quote still shown after the fix')
end)

case('nvim-plugin-reindex-command', function()
  assert(client, 'no client')
  vim.cmd('QuotecheckReindex')
  assert(vim.wait(15000, function() return messages_matching('sources re%-indexed') ~= nil end, 20),
         'no "sources re-indexed" message; messages: ' .. vim.inspect(_G.qc_messages))
  assert(not messages_matching('re%-indexing failed'), 'reindex failed')
end)

case('nvim-plugin-audit-quickfix', function()
  vim.fn.setqflist({}, 'r', { title = 'before', items = {} })
  vim.cmd('QuotecheckAudit')
  assert(vim.wait(30000, function()
    return vim.fn.getqflist({ title = 1 }).title:find('^quotecheck audit') ~= nil
  end, 50), 'quickfix list not filled; messages: ' .. vim.inspect(_G.qc_messages))
  local items = vim.fn.getqflist()
  if #items == 0 then skip('waiting for qc_check') end
  local found = {}
  for _, it in ipairs(items) do
    local name = vim.api.nvim_buf_get_name(it.bufnr)
    assert(name:find('/drafts/', 1, true), 'an audit item outside the drafts: ' .. name)
    found[vim.fn.fnamemodify(name, ':t') .. ':' .. it.lnum .. ':' .. it.type] = true
  end
  for _, want in ipairs({ 'mistakes.md:9:E', 'mistakes.md:11:E', 'mistakes.md:17:W', 'mistakes.md:19:E' }) do
    assert(found[want], 'missing ' .. want .. ' in ' .. vim.inspect(vim.tbl_keys(found)))
  end
  -- line 9 col 1 is the opening quotation mark
  for _, it in ipairs(items) do
    if it.lnum == 9 and vim.fn.fnamemodify(vim.api.nvim_buf_get_name(it.bufnr), ':t') == 'mistakes.md' then
      assert(it.col == 1 and it.text:find('%[misattributed%-quote%]'), 'item: ' .. vim.inspect(it))
    end
  end
  local qf_open = false
  for _, w in ipairs(vim.fn.getwininfo()) do if w.quickfix == 1 then qf_open = true end end
  assert(qf_open, 'the quickfix window was not opened')
  vim.cmd('cclose')
end)

case('nvim-plugin-checkhealth', function()
  local want = vim.fn.system({ bin, '--version' }):gsub('%s+$', '')
  vim.cmd('checkhealth quotecheck')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  assert(text:find('version: ' .. want, 1, true), 'no "version: ' .. want .. '" in:\n' .. text)
  assert(text:find('binary: ' .. bin, 1, true), 'binary path missing:\n' .. text)
  assert(text:find('corpus: ' .. ws .. '/corpus', 1, true) and text:find('7 articles', 1, true),
         'corpus line missing:\n' .. text)
  assert(not text:find('ERROR'), 'errors in:\n' .. text)
end)

case('nvim-plugin-lsp-config-file', function()
  local cfg = dofile(os.getenv('QC_ROOT') .. '/editors/nvim/lsp/quotecheck.lua')
  assert(vim.deep_equal(cfg.cmd, { 'quotecheck', 'lsp' }), 'cmd')
  assert(vim.deep_equal(cfg.filetypes, { 'markdown', 'text' }), 'filetypes')
  assert(vim.deep_equal(cfg.root_markers, { '.quotecheck.json', '.git' }), 'root_markers')
  assert(type(cfg.settings.quotecheck) == 'table', 'settings.quotecheck')
  -- every setting it names is one the server reads
  for k in pairs(cfg.settings.quotecheck) do
    assert(({ sources = 1, severity = 1, inlayHints = 1, debounceMs = 1, configPath = 1 })[k], 'unknown setting ' .. k)
  end
end)

case('nvim-plugin-shutdown', function()
  assert(client, 'no client')
  vim.lsp.stop_client(client.id)
  assert(vim.wait(5000, function() return vim.lsp.get_client_by_id(client.id) == nil end, 20), 'client did not stop')
end)

case('nvim-plugin-missing-binary', function()
  qc.setup({ cmd = { ws .. '/no-such-quotecheck', 'lsp' } })
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/drafts/third.md'))
  local m = messages_matching('was not found')
  assert(m and m.level == vim.log.levels.ERROR, 'no error message: ' .. vim.inspect(_G.qc_messages))
  assert(tostring(m.msg):find(qc.install_url, 1, true), 'no install link: ' .. m.msg)
  assert(#qc.clients() == 0, 'a client started without a binary')
end)

out:close()
vim.cmd(failures > 0 and 'cquit 1' or 'qall!')
