"""`briefing cache info` and `briefing cache clear`: the cache of spoken sentences."""

import json
from pathlib import Path

import click

from briefing.cli.common import (
    errors_as_messages,
    print_result,
)
from briefing.speech.cache import open_store


@click.group()
def cache() -> None:
    """The cache of spoken sentences: where it is, how big, and emptying it."""


@cache.command("info")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache folder (default: $BRIEFING_CACHE_DIR, else the user cache folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@errors_as_messages
def cache_info(cache_dir: Path | None, as_json: bool) -> None:
    """Where the cache is, how many sentences it holds, its size and its limit."""
    info = open_store(cache_dir=cache_dir, write=False).info()
    if as_json:
        print_result(json.dumps({"path": str(info.path), "entries": info.entries,
                                 "bytes": info.bytes, "limit_bytes": info.limit}, indent=2))
        return
    print_result(f"{info.path}: {info.entries} sentences, {info.bytes / 2**20:.1f} MB "
                 f"(limit {info.limit / 2**20:.0f} MB; set BRIEFING_CACHE_MAX_MB to change it)")


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The cache folder (default: $BRIEFING_CACHE_DIR, else the user cache folder).")
@errors_as_messages
def cache_clear(cache_dir: Path | None) -> None:
    """Remove every cached sentence and calibration."""
    store = open_store(cache_dir=cache_dir)
    count = store.clear()
    print_result(f"{store.root}: removed {count} entries")
