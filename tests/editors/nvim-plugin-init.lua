-- tests/editors/nvim-plugin-init.lua — a user's init.lua for the plugin
-- test: editors/nvim on 'runtimepath' (so plugin/quotecheck.lua defines
-- the commands and :checkhealth finds lua/quotecheck/health.lua), then
-- setup() with the binary under test. $QC_BIN, $QC_ROOT (the repository).
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.rtp:prepend(os.getenv('QC_ROOT') .. '/editors/nvim')
-- every message, for the test to look at
_G.qc_messages = {}
local notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(_G.qc_messages, { msg = msg, level = level })
  return notify(msg, level, opts)
end
require('quotecheck').setup({
  cmd = { os.getenv('QC_BIN'), 'lsp' },
  debounce_ms = 50,
})
