"""Zip containers (DOCX, ODT, EPUB): what kind one is, and reading its members safely.

A document in a zip is small on disk and may be anything once expanded: a member's header says
how large it is, but a zip bomb lies, so members are read in chunks and refused past a hard cap,
the expanded sizes of all members read from one file are capped together, and so is the number of
members (the central directory is itself parsed into memory). Its XML is parsed hardened: entities
are never expanded, no DTD is loaded, nothing is fetched, and a declaration of a document type or
an entity is refused, since Word and LibreOffice never write one and it is how XML attacks begin
(billion laughs, a local file read through an external entity). EPUB's XHTML is the one exception:
its chapters and NCX table of contents often carry a bare `<!DOCTYPE html>` or the XHTML public
identifier, which declares nothing; an internal subset (where entities are declared) is still
refused.
"""

import io
import re
import zipfile
import zlib

from lxml import etree

from briefing.errors import SourceError
from briefing.sources.textclean import printable

__all__ = ["MAX_MEMBERS", "MAX_MEMBER_BYTES", "MAX_TOTAL_BYTES", "Container", "zip_kind"]

_MB = 1024 * 1024
MAX_MEMBER_BYTES = 50 * _MB
"""A member expanding past this is refused. A novel's whole text is a few MB of XHTML, and the
document.xml of a long Word report with heavy formatting some tens of MB at most."""
MAX_TOTAL_BYTES = 200 * _MB
"""What all the members read from one file may expand to together: several large members, not
an unbounded number of them."""
MAX_MEMBERS = 10_000
"""A zip with more members is refused before its directory is parsed into memory. A book or a
report has tens to a few thousand (chapters, images, fonts)."""
_CHUNK = 1 << 16
#: What a central directory entry begins with: counted before zipfile parses them all.
_DIRECTORY_ENTRY = b"PK\x01\x02"
#: A local file header whose name starts with Word's folder: found even in a truncated DOCX.
_WORD_MEMBER = re.compile(rb"PK\x03\x04.{26}word/", re.S)
_MIMETYPES = {b"application/epub+zip": "epub", b"application/vnd.oasis.opendocument.text": "odt"}
#: A stored (uncompressed) `mimetype` as an OCF container's first member: name at byte 30.
_FIRST_MIMETYPE = re.compile(rb"PK\x03\x04.{4}\x00\x00.{16}\x08\x00.{2}mimetype", re.S)
#: Declarations no document of these formats needs, looked for before the parser sees them.
_ENTITY = re.compile(rb"<!\s*ENTITY", re.I)
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.I)
_OPEN_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, zlib.error)


def zip_kind(data: bytes) -> str | None:
    """`docx`, `odt` or `epub` by the zip's members (its `mimetype`, Word's `word/document.xml`);
    None for any other zip. A zip whose directory cannot be read (a truncated download) is known
    by its first members' local headers, so that its reader can say it is damaged."""
    if data.count(_DIRECTORY_ENTRY) <= MAX_MEMBERS:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = b""
                if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                    mimetype = archive.read("mimetype").strip()
            if mimetype in _MIMETYPES:
                return _MIMETYPES[mimetype]
            return "docx" if "word/document.xml" in names else None
        except (*_OPEN_ERRORS, RuntimeError, NotImplementedError):
            pass
    if _FIRST_MIMETYPE.match(data):
        start = 38 + int.from_bytes(data[28:30], "little")  # after the name and the extra field
        kind = _MIMETYPES.get(data[start:start + int.from_bytes(data[18:22], "little")].strip())
        if kind:
            return kind
    return "docx" if _WORD_MEMBER.search(data) else None


class Container:
    """A zip container's members, read within the limits above.

    Every problem is a one-line `SourceError` naming the file (`origin`) and, where one is at
    fault, the member; `kind` (`docx`, `odt`, `epub`) names the file's format in those lines.
    """

    def __init__(self, data: bytes, origin: str, kind: str) -> None:
        self.origin = origin
        self.kind = kind.upper()
        self._expanded = 0
        if data.count(_DIRECTORY_ENTRY) > MAX_MEMBERS:
            raise self._too_many()
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except _OPEN_ERRORS:
            raise SourceError(f"{origin}: the {self.kind} file is damaged (not a readable zip "
                              "archive)") from None
        if len(self._zip.infolist()) > MAX_MEMBERS:
            raise self._too_many()

    def _too_many(self) -> SourceError:
        return SourceError(f"{self.origin}: the {self.kind} file has more than {MAX_MEMBERS:,} "
                           "members; refused (a document has far fewer)")

    def names(self) -> list[str]:
        """The members' names, in the order the zip lists them."""
        return self._zip.namelist()

    def has(self, name: str) -> bool:
        return name in self._zip.NameToInfo

    def read(self, name: str) -> bytes:
        """A member's bytes: read in chunks, refused as soon as it passes `MAX_MEMBER_BYTES` or
        the file's members together pass `MAX_TOTAL_BYTES`, whatever the headers claim."""
        member = shown(name)
        if not self.has(name):
            raise SourceError(f"{self.origin}: the {self.kind} file has no {member}; it is damaged "
                              "or not a real document")
        chunks, size = [], 0
        try:
            with self._zip.open(name) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._expanded += len(chunk)
                    if size > MAX_MEMBER_BYTES:
                        raise SourceError(
                            f"{self.origin}: {member} expands to more than {MAX_MEMBER_BYTES // _MB} "
                            "MB; refused (a zip bomb, or not a document briefing can read)")
                    if self._expanded > MAX_TOTAL_BYTES:
                        raise SourceError(
                            f"{self.origin}: the {self.kind} file expands to more than "
                            f"{MAX_TOTAL_BYTES // _MB} MB; refused at {member} (a zip bomb?)")
                    chunks.append(chunk)
        except NotImplementedError:
            raise SourceError(f"{self.origin}: {member} is compressed in a way Python's zipfile "
                              "cannot read; save the document again") from None
        except RuntimeError:  # zipfile's word for a password
            raise SourceError(f"{self.origin}: {member} is encrypted; save the document without "
                              "a password") from None
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
            raise SourceError(f"{self.origin}: the {self.kind} file is damaged ({member} cannot "
                              f"be read: {shown(str(exc))})") from None
        return b"".join(chunks)

    def xml(self, name: str, doctype: bool = False) -> etree._Element:
        """A member parsed as hardened XML (see the module's docstring). `doctype` allows a
        document type declaration that declares nothing, as EPUB's XHTML has."""
        return parse_xml(self.read(name), f"{self.origin}: {shown(name)}", doctype)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "Container":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parse_xml(data: bytes, where: str, doctype: bool = False) -> etree._Element:
    """`data` parsed without entities, DTDs or the network; `where` names it in errors. A
    document type declaration is refused, or with `doctype` only one with an internal subset."""
    plain = data.replace(b"\x00", b"") if b"\x00" in data[:4] else data  # UTF-16 or -32 as ASCII
    if _ENTITY.search(plain) or (not doctype and _DOCTYPE.search(plain)):
        raise _refused(where)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=False, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"{where} is not well-formed XML ({shown(str(exc))})") from None
    docinfo = root.getroottree().docinfo
    subset = docinfo.internalDTD
    declares = subset is not None and (any(True for _ in subset.iterentities())
                                       or any(True for _ in subset.iterelements()))
    if declares or (docinfo.doctype and not doctype):
        raise _refused(where)
    return root


def _refused(where: str) -> SourceError:
    return SourceError(f"{where} declares XML entities or a document type (<!DOCTYPE>); "
                       "refused for safety")


def shown(text: str) -> str:
    """A member's name, or a library's message, fit for a one-line message."""
    return " ".join(printable(text).split()) or repr(text)
