-- tests/editors/nvim-e2e.lua — Neovim headless end to end: open a fixture
-- draft, attach quotecheck through vim.lsp.start_client, wait for its
-- diagnostics (vim.diagnostic.get), hover and code-action round trips,
-- an edit with non-ASCII text re-checked. Writes PASS/FAIL/SKIP lines to
-- $QC_NVIM_OUT. Owned by the lsp module.
local out = assert(io.open(os.getenv('QC_NVIM_OUT'), 'w'))
local checker_ready = os.getenv('QC_LSP_CHECKER') ~= '0'
local root = os.getenv('QC_NVIM_ROOT')
local draft = os.getenv('QC_NVIM_DRAFT')
local failures = 0

local function report(name, ok, why)
  if ok == 'skip' then
    out:write('SKIP ' .. name .. ': ' .. why .. '\n')
  elseif ok then
    out:write('PASS ' .. name .. '\n')
  else
    failures = failures + 1
    out:write('FAIL ' .. name .. ': ' .. tostring(why) .. '\n')
  end
  out:flush()
end

local function case(name, fn)
  local ok, err = pcall(fn)
  if ok and err == 'skip' then return end
  report(name, ok, err)
end

local published = {}
local default_pd = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  table.insert(published, result)
  return default_pd(err, result, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = _G.quotecheck_start(bufnr, root)
local uri = vim.uri_from_bufnr(bufnr)

local function wait_published(version)
  return vim.wait(10000, function()
    for _, p in ipairs(published) do
      if p.uri == uri and (version == nil or p.version == version) then return true end
    end
    return false
  end, 20)
end

case('nvim-attach-and-diagnostics', function()
  assert(vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c and c.initialized
  end, 20), 'client did not initialize')
  local c = vim.lsp.get_client_by_id(client_id)
  assert(c.server_capabilities.hoverProvider, 'hoverProvider')
  -- Neovim 0.7 offers no encoding, so the server must speak UTF-16 (the
  -- default), which is what the client counts in
  assert(c.server_capabilities.positionEncoding == 'utf-16',
         'position encoding: ' .. tostring(c.server_capabilities.positionEncoding))
  assert(c.offset_encoding == 'utf-16', 'client encoding: ' .. tostring(c.offset_encoding))
  assert(wait_published(0) or wait_published(), 'no publishDiagnostics for the draft')
  -- what the editor shows
  local diags = vim.diagnostic.get(bufnr)
  assert(type(diags) == 'table', 'vim.diagnostic.get')
end)

case('nvim-expected-findings', function()
  if not checker_ready then
    report('nvim-expected-findings', 'skip', 'waiting for qc_check')
    return 'skip'
  end
  assert(vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics shown')
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    codes[(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?') .. '@' .. (d.lnum + 1)] = true
  end
  for _, want in ipairs({ 'misattributed-quote@9', 'altered-quote@11', 'unsourced-quote@17', 'figure-mismatch@19' }) do
    assert(codes[want], 'missing ' .. want .. ' in ' .. vim.inspect(codes))
  end
end)

-- the first line holding a quotation mark
local function quote_pos()
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = line:find('“', 1, true) or line:find('"', 1, true)
    if s then return i - 1, s + 3 end
  end
end

case('nvim-hover-round-trip', function()
  local l, col = quote_pos()
  assert(l, 'a quotation in the draft')
  local params = { textDocument = { uri = uri }, position = { line = l, character = col } }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
  assert(res and res[client_id], 'no hover reply')
  local r = res[client_id]
  assert(not r.err, 'hover error: ' .. vim.inspect(r.err))
  assert(r.result and r.result.contents and r.result.contents.value:find('Quotation', 1, true),
         'hover content: ' .. vim.inspect(r.result))
  assert(r.result.range.start.line == l, 'hover range on the quotation line')
end)

case('nvim-code-action-round-trip', function()
  local l = quote_pos()
  local params = { textDocument = { uri = uri },
                   range = { start = { line = l, character = 0 }, ['end'] = { line = l + 1, character = 0 } },
                   context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, l) } }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  assert(res and res[client_id] and not res[client_id].err, 'codeAction reply: ' .. vim.inspect(res))
  assert(type(res[client_id].result) == 'table', 'a list of actions')
  if checker_ready then
    assert(#res[client_id].result > 0, 'actions for the finding on that line')
  end
end)

case('nvim-edit-non-ascii-rechecked', function()
  local before = #published
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { 'Ünïcödé 🎉 « Très bien », she said.' })
  local version = vim.lsp.util.buf_versions[bufnr]
  assert(vim.wait(10000, function()
    for i = before + 1, #published do
      if published[i].version == version then return true end
    end
    return false
  end, 20), 'no diagnostics for the edited version ' .. tostring(version))
  -- the server's text matches the buffer: hover on the moved quotation
  local l, col = quote_pos()
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = l, character = col } }, 10000)
  assert(res[client_id].result and res[client_id].result.range.start.line == l, 'hover after the edit')
end)

case('nvim-shutdown', function()
  vim.lsp.stop_client(client_id)
  assert(vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20), 'client did not stop')
end)

out:close()
vim.cmd(failures > 0 and 'cquit 1' or 'qall!')
