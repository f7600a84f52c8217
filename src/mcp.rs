//! `tact mcp`: not in this build yet.

pub fn run_stdio() -> Result<(), String> {
    Err("the MCP server is not available in this build yet".to_string())
}
