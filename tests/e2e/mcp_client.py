"""Drives `tact mcp` with the official MCP Python SDK: initialize, list the tools, call each one, and time warm
check_draft round trips. Writes what it saw as JSON to the file named by the second argument."""

import asyncio
import json
import sys
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

DRAFT = "Hi Zoé 👋, thx for your mesage.\nI will check the the order today."


def field(obj, snake, camel):
    """A result field under the SDK's names: snake_case from version 2, camelCase before."""
    return getattr(obj, snake) if hasattr(obj, snake) else getattr(obj, camel)


def structured(result):
    """The tool's structured result, checked against its text content (the same JSON)."""
    from_text = json.loads(result.content[0].text)
    content = field(result, "structured_content", "structuredContent")
    if content is not None and content != from_text:
        raise AssertionError("structuredContent and text content differ")
    return from_text


async def main(tact, out):
    params = StdioServerParameters(command=tact, args=["mcp"])
    seen = {}
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            seen["server"] = field(init, "server_info", "serverInfo").name
            seen["protocol"] = str(field(init, "protocol_version", "protocolVersion"))
            tools = await session.list_tools()
            seen["tools"] = [tool.name for tool in tools.tools]

            check = await session.call_tool("check_draft", {"text": DRAFT, "role": "first", "channel": "chat"})
            seen["check_error"] = field(check, "is_error", "isError")
            seen["check"] = structured(check)

            fix = await session.call_tool("fix_draft", {"text": DRAFT})
            seen["fix_error"] = field(fix, "is_error", "isError")
            seen["fix"] = structured(fix)

            explain = await session.call_tool("explain_rule", {"rule": "grammar.txt-speak"})
            seen["explain"] = structured(explain)

            listed = await session.call_tool("list_rules", {"category": "tone"})
            seen["rules"] = [rule["id"] for rule in structured(listed)["rules"]]

            unknown = await session.call_tool("explain_rule", {"rule": "tone.nothing"})
            seen["unknown_error"] = field(unknown, "is_error", "isError")

            timings = []
            for _ in range(50):
                started = time.perf_counter()
                await session.call_tool("check_draft", {"text": DRAFT})
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            seen["round_trip_ms"] = {"median": timings[len(timings) // 2], "p90": timings[int(len(timings) * 0.9)]}
    with open(out, "w", encoding="utf-8") as file:
        json.dump(seen, file, ensure_ascii=False)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
