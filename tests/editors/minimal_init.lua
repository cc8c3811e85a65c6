-- tests/editors/minimal_init.lua — the smallest Neovim (0.7+) setup that
-- attaches `quotecheck lsp` to Markdown and text buffers, as a user's
-- config would. Owned by the lsp module. $QC_BIN names the binary.
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
local bin = os.getenv('QC_BIN') or 'quotecheck'

_G.quotecheck_start = function(bufnr, root)
  local id = vim.lsp.start_client({
    name = 'quotecheck',
    cmd = { bin, 'lsp' },
    root_dir = root,
    init_options = { debounceMs = 50 },
  })
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end
