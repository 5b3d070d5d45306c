"""Fetching a source over http(s): one GET with a timeout and a size limit, errors in one line.

The standard library is enough for one request; what matters is that an unreachable host, a
404 or a page that never ends becomes a `SourceError` naming the URL, so the other sources of a
daily bulletin still build.
"""

import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

from briefing.errors import SourceError
from briefing.version import __version__

log = logging.getLogger(__name__)

#: Seconds to wait for a server, and the most a source may weigh.
TIMEOUT, MAX_BYTES = 20.0, 20 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str
    """The media type the server declared (no parameters), lower case; may be empty."""
    url: str
    """The final address, after redirects."""


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT) -> Fetched:
    """GET `url`, or raise `SourceError` saying why it could not be had."""
    request = urllib.request.Request(url, headers={
        "User-Agent": f"briefing/{__version__} (+https://pypi.org/project/briefing/)",
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                  "text/html;q=0.9, text/*;q=0.8",
    })
    log.debug("GET %s", url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get_content_type() or ""
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise SourceError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror \
            else exc.reason
        raise SourceError(f"{url}: unreachable ({reason})") from None
    except TimeoutError:
        raise SourceError(f"{url}: unreachable (no answer within {timeout:.0f} s)") from None
    except (OSError, ValueError) as exc:
        raise SourceError(f"{url}: unreachable ({exc})") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"{url}: larger than {MAX_BYTES // 2**20} MB; not a news article or feed")
    return Fetched(data=data, content_type=content_type.lower(), url=final)
