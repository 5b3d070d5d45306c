"""Fetching URLs from a local server that misbehaves: slow drips, endless or huge answers, redirect
loops, and addresses that are not addresses. Each ends in one line naming the URL, in time."""

import contextlib
import http.server
import threading
import time

import pytest

from briefing.errors import SourceError
from briefing.sources.fetch import Limits, fetch

from ..conftest import DATE, run_cli

FEED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Rain"
        b"</title><description>Rain is expected by evening.</description></item></channel></rss>")
#: How long the slow handlers go on: far longer than any deadline the tests set.
DRIP_SECONDS = 30


class _Misbehaving(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
            getattr(self, "_" + self.path.strip("/").replace("-", "_"))()

    def _feed(self):
        self._head(len(FEED))
        self.wfile.write(FEED)

    def _drip(self):
        """A whole feed's length declared, then one byte at a time."""
        self._head(len(FEED))
        for byte in FEED[: int(DRIP_SECONDS / 0.05)]:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.05)

    def _drip_headers(self):
        """The status line, then headers that never end."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(int(DRIP_SECONDS / 0.05)):
            self.wfile.write(b"a")
            self.wfile.flush()
            time.sleep(0.05)

    def _endless(self):
        """No length declared, and more bytes than any limit."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(64):
            self.wfile.write(b"<p>more</p>" * 10_000)

    def _huge(self):
        """A length far above the limit, declared up front."""
        self._head(50 * 2**20)

    def _loop(self):
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _head(self, length: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(length))
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Misbehaving)
    httpd.daemon_threads, httpd.block_on_close = True, False
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_feed_is_fetched_within_the_limits(server):
    got = fetch(f"{server}/feed", Limits(deadline=5, max_mb=1))
    assert got.data == FEED and got.content_type == "application/rss+xml"


@pytest.mark.parametrize("path", ["drip", "drip-headers"])
def test_a_server_that_drips_is_given_up_at_the_deadline(server, path):
    start = time.monotonic()
    with pytest.raises(SourceError, match=rf"^{server}/{path}: no complete answer within 0.5 s "):
        fetch(f"{server}/{path}", Limits(deadline=0.5))
    assert time.monotonic() - start < DRIP_SECONDS / 3


@pytest.mark.parametrize("path", ["endless", "huge"])
def test_an_answer_over_the_size_limit_is_refused(server, path):
    with pytest.raises(SourceError, match=rf"^{server}/{path}: larger than 1 MB; not a news article"):
        fetch(f"{server}/{path}", Limits(deadline=10, max_mb=1))


def test_the_deadline_is_set_on_the_command_line_and_the_rest_is_read(server, tmp_path):
    start = time.monotonic()
    result = run_cli("script", f"{server}/drip", f"{server}/feed", "--fetch-timeout", "0.5",
                     "--date", DATE)
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"Skipped: {server}/drip: no complete answer within 0.5 s ")
    assert "Rain is expected by evening." in result.stdout
    assert time.monotonic() - start < DRIP_SECONDS / 3


def test_the_size_limit_is_set_on_the_command_line(server, out_dir):
    result = run_cli("build", f"{server}/feed", "--fetch-max-mb", "0.0001", "-o", out_dir / "x.mp3")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {server}/feed: larger than 0.0001 MB;")
    assert list(out_dir.iterdir()) == []


def test_a_redirect_loop_is_one_clear_line(server, out_dir):
    result = run_cli("build", f"{server}/loop", "-o", out_dir / "x.mp3")
    assert result.exit_code == 1
    assert result.output == (f"Error: {server}/loop: the server redirects in a loop (or more than 10 "
                             "times); open the address in a browser to see where it leads\n")


@pytest.mark.parametrize(("url", "message"), [
    ("http://[::1/x", "http://[::1/x: not a valid web address (the brackets around an IPv6 address "
                      "do not match); check it for a typo"),
    ("http://example.org:99999/", "http://example.org:99999/: not a valid web address (port out of "
                                  "range 0-65535); check it for a typo"),
    ("https:///feed.xml", "https:///feed.xml: not a valid web address (no host name); write it as "
                          "https://example.org/page"),
    ("http://example.org/a b", "'http://example.org/a b': not a valid web address (it holds spaces "
                               "or control characters); write a space as %20"),
])
def test_an_address_that_is_not_one_has_its_own_message(url, message, out_dir):
    result = run_cli("build", url, "-o", out_dir / "x.mp3")
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"
    assert list(out_dir.iterdir()) == []


def test_a_daily_show_gives_up_a_dripping_source_at_its_configured_deadline(server, tmp_path,
                                                                            tone_voice):
    (tmp_path / "local.txt").write_text("Rain is expected by evening.\n")
    config = tmp_path / "show.toml"
    config.write_text(f'title = "Valley Daily"\nauthor = "Valley Newsroom"\nvoice = "{tone_voice}"\n'
                      f'output = "episodes"\nfetch_timeout = 0.5\nfetch_max_mb = 1\n'
                      f'[[sources]]\npath = "local.txt"\n[[sources]]\nurl = "{server}/drip"\n')
    start = time.monotonic()
    result = run_cli("daily", "--config", config, "--date", DATE)
    assert result.exit_code == 3, result.output
    assert f"Skipped: {server}/drip: no complete answer within 0.5 s " in result.stderr
    assert time.monotonic() - start < DRIP_SECONDS / 3
    assert (tmp_path / "episodes" / f"{DATE}.mp3").exists()


@pytest.mark.parametrize("setting", ["fetch_timeout = 0", "fetch_timeout = nan", "fetch_max_mb = -1",
                                     'fetch_max_mb = "20"', "fetch_timeout = inf"])
def test_a_daily_config_with_a_bad_fetch_limit_is_named(tmp_path, setting):
    config = tmp_path / "show.toml"
    config.write_text(f'title = "T"\nauthor = "A"\noutput = "o"\n{setting}\n[[sources]]\npath = "x"\n')
    result = run_cli("daily", "--config", config)
    assert result.exit_code == 1
    key = setting.split()[0]
    assert result.output == f"Error: {config}: '{key}' must be a number above 0\n"


@pytest.mark.parametrize("args", [["--fetch-timeout", "nan"], ["--fetch-timeout", "0"],
                                  ["--fetch-max-mb", "0"], ["--fetch-max-mb", "inf"]])
def test_fetch_limits_out_of_range_are_usage_errors(args, out_dir):
    result = run_cli("build", "https://example.org/feed.xml", *args, "-o", out_dir / "x.mp3")
    assert result.exit_code == 2
    assert list(out_dir.iterdir()) == []
