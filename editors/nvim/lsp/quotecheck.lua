-- editors/nvim/lsp/quotecheck.lua — the quotecheck language server for
-- Neovim 0.11+. With this folder on 'runtimepath' (or this file copied to
-- ~/.config/nvim/lsp/quotecheck.lua):
--
--   vim.lsp.enable('quotecheck')
--
-- Override any field with vim.lsp.config('quotecheck', { ... }), e.g.
--   vim.lsp.config('quotecheck', {
--     cmd = { '/opt/quotecheck/bin/quotecheck', 'lsp' },
--     settings = { quotecheck = { sources = { 'wire', 'transcripts' } } },
--   })
--
-- `settings.quotecheck` is what the server reads (workspace/configuration
-- section "quotecheck"): sources (folders; replace the .quotecheck.json
-- ones), severity ({ ['unsourced-quote'] = 'error', ... }; error, warning,
-- info, hint or off), inlayHints (boolean), debounceMs, configPath.
return {
  cmd = { 'quotecheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.quotecheck.json', '.git' },
  settings = {
    quotecheck = {
      inlayHints = true,
    },
  },
}
