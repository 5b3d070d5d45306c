"""Zip containers (DOCX, ODT, EPUB): what kind one is, by its members (to be completed: see
issue 22)."""

import io
import zipfile


def zip_kind(data: bytes) -> str | None:
    """`docx`, `odt` or `epub` by the zip's members (its `mimetype`, Word's `word/document.xml`);
    None for any other zip, or one that cannot be opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return None
    if mimetype == b"application/epub+zip":
        return "epub"
    if mimetype == b"application/vnd.oasis.opendocument.text":
        return "odt"
    if "word/document.xml" in names:
        return "docx"
    return None
