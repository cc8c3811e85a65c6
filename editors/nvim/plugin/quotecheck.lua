-- editors/nvim/plugin/quotecheck.lua — user commands of the quotecheck
-- plugin (Neovim 0.7+). The server itself starts after
-- require('quotecheck').setup{} (any release) or vim.lsp.enable('quotecheck')
-- (0.11+, with lsp/quotecheck.lua).
if vim.g.loaded_quotecheck then return end
vim.g.loaded_quotecheck = true

vim.api.nvim_create_user_command('QuotecheckReindex', function()
  require('quotecheck').reindex()
end, { desc = 'quotecheck: read the source corpus again' })

vim.api.nvim_create_user_command('QuotecheckAudit', function(args)
  require('quotecheck').audit(args.args)
end, { nargs = '?', complete = 'dir', desc = 'quotecheck: audit a folder of drafts into the quickfix list' })
