"""Fetching a source over http(s): one GET within a total deadline and a size limit, errors in one line.

The standard library is enough for one request; what matters is that an unreachable host, a 404,
a page that never ends or a server that drips a byte every few seconds becomes a `SourceError`
naming the URL, so the other sources of a daily bulletin still build and its lock is not held for
ever. A per-read timeout does not bound a server that keeps sending a little, so the request runs
in a thread of its own and is given up at the deadline, wherever it is (name lookup, TLS, headers
or body); the thread stops at its next read.
"""

import http.client
import logging
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefing.errors import SourceError
from briefing.version import __version__

log = logging.getLogger(__name__)

#: Seconds to wait for a server to connect or to send anything at all.
TIMEOUT = 20.0
#: The defaults of `Limits`: seconds one URL may take in all, and the megabytes it may weigh.
DEADLINE, MAX_MB = 60.0, 20.0
#: The default of `Limits.max_pages`: the most pages of one PDF read.
MAX_PAGES = 500
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """What one source may cost: how long one fetch may take in all, how much it may bring, and
    how many pages of a document are read."""

    deadline: float = DEADLINE
    """Seconds from the request to the last byte, redirects included."""
    max_mb: float = MAX_MB
    max_pages: int = MAX_PAGES
    """A PDF with more pages is skipped (`--max-pages`)."""
    file_mb: float = MAX_MB
    """A file or standard input of more megabytes is skipped (`--max-mb`)."""

    @classmethod
    def of(cls, seconds: float | None, megabytes: float | None,
           pages: int | None = None, file_megabytes: float | None = None) -> "Limits":
        """Limits from a command line's or a config's values; None keeps the default."""
        return cls(DEADLINE if seconds is None else seconds, MAX_MB if megabytes is None else megabytes,
                   MAX_PAGES if pages is None else pages,
                   MAX_MB if file_megabytes is None else file_megabytes)

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * 2**20)

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 2**20)


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str
    """The media type the server declared (no parameters), lower case; may be empty."""
    url: str
    """The final address, after redirects."""


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """GET `url` within `limits` (`Limits()` when None), or raise `SourceError` saying why it could
    not be had."""
    limits = limits or Limits()
    request = _request(url)
    outcome: list[Fetched | BaseException] = []
    stop = threading.Event()
    worker = threading.Thread(target=_get_into, args=(request, limits, stop, outcome),
                              name="briefing-fetch", daemon=True)
    log.debug("GET %s", url)
    worker.start()
    worker.join(limits.deadline)
    if worker.is_alive():
        stop.set()
        raise SourceError(f"{url}: no complete answer within {limits.deadline:g} s (the server is "
                          "too slow, or the page never ends); raise the limit with --fetch-timeout "
                          "(fetch_timeout in a daily config)")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _request(url: str) -> urllib.request.Request:
    """The request for `url`, or `SourceError` if it is not a web address urllib can ask for."""
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise SourceError(f"{url!r}: not a valid web address (it holds spaces or control "
                          "characters); write a space as %20")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks it: a port that is not a number raises)
    except ValueError as exc:
        reason = ("the brackets around an IPv6 address do not match" if "IPv6" in str(exc)
                  else str(exc).lower())
        raise SourceError(f"{url}: not a valid web address ({reason}); check it for a typo") from None
    if not parts.hostname:
        raise SourceError(f"{url}: not a valid web address (no host name); write it as "
                          "https://example.org/page")
    return urllib.request.Request(url, headers={
        "User-Agent": f"briefing/{__version__} (+https://pypi.org/project/briefing/)",
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                  "text/html;q=0.9, text/*;q=0.8",
    })


def _get_into(request: urllib.request.Request, limits: Limits, stop: threading.Event,
              outcome: list[Fetched | BaseException]) -> None:
    """The worker: `_get`'s answer or error, handed to the waiting thread through `outcome`."""
    try:
        outcome.append(_get(request, limits, stop))
    except BaseException as exc:  # handed over whole: the waiting thread raises it
        outcome.append(exc)


def _get(request: urllib.request.Request, limits: Limits, stop: threading.Event) -> Fetched:
    url = request.full_url
    timeout = min(TIMEOUT, limits.deadline)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise _too_large(url, limits)
            chunks, size = [], 0
            while not stop.is_set() and (chunk := response.read1(_CHUNK)):
                size += len(chunk)
                if size > limits.max_bytes:
                    raise _too_large(url, limits)
                chunks.append(chunk)
            content_type = response.headers.get_content_type() or ""
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        if urllib.request.HTTPRedirectHandler.inf_msg in str(exc.msg):
            raise SourceError(f"{url}: the server redirects in a loop (or more than 10 times); "
                              "open the address in a browser to see where it leads") from None
        reason = str(exc.reason).splitlines()[0] if str(exc.reason).strip() else ""
        raise SourceError(f"{url}: the server answered {exc.code} {reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        why = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror \
            else exc.reason
        raise SourceError(f"{url}: unreachable ({why})") from None
    except TimeoutError:
        raise SourceError(f"{url}: unreachable (no answer within {timeout:g} s)") from None
    except http.client.HTTPException as exc:  # a malformed or cut-short answer
        raise SourceError(f"{url}: the server's answer is broken ({exc!r})") from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"{url}: unreachable ({exc})") from None
    return Fetched(data=b"".join(chunks), content_type=content_type.lower(), url=final)


def _too_large(url: str, limits: Limits) -> SourceError:
    return SourceError(f"{url}: larger than {limits.max_mb:g} MB; not a news article or "
                       "feed (raise the limit with --fetch-max-mb, fetch_max_mb in a daily config)")
