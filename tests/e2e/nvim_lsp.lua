-- Neovim's built-in LSP client against `tact lsp`: open a draft with mistakes, wait for the diagnostics, hover, ask for
-- the code actions of its first line, apply the fix for "thx", and write what happened as JSON to $TACT_OUT.
-- Works with Neovim 0.7 (Debian 12) and later.
local tact, draft, out = os.getenv("TACT_BIN"), os.getenv("TACT_DRAFT"), os.getenv("TACT_OUT")

local function finish(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(draft))
  local buf = vim.api.nvim_get_current_buf()
  local config = { name = "tact", cmd = { tact, "lsp" }, root_dir = vim.fn.fnamemodify(draft, ":p:h") }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end

  local published = vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, {
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      source = d.source,
      severity = d.severity,
      lnum = d.lnum,
      col = d.col,
      end_col = d.end_col,
      message = d.message,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = 1, character = 0 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local titles, fix = {}, nil
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if action.title == "Replace with “thanks”" then
        fix = action
      end
    end
  end
  -- Hover on the txt-speak diagnostic, before the fix changes the line.
  local hover_text = nil
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == "grammar.txt-speak" and not hover_text then
      vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
      local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        position = vim.lsp.util.make_position_params(0, client.offset_encoding).position,
      }, 10000) or {}
      for _, response in pairs(hover) do
        if response.result and response.result.contents then
          hover_text = response.result.contents.value
        end
      end
    end
  end

  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  end

  finish({
    published = published,
    encoding = client.offset_encoding,
    diagnostics = diagnostics,
    actions = titles,
    hover = hover_text,
    first_line = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1],
  })
end)
if not ok then
  finish({ error = tostring(err) })
end
