"""Bytes → text: UTF-8 (with or without BOM), UTF-16 and GB18030/GBK, detected; .docx read
with python-docx. Binary input is refused rather than decoded into garbage."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import FtzlawError

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


# Characters that never occur in a text file: controls (tab, LF, CR, form feed aside), the
# replacement character, lone surrogates; with private use, the private-use area too.
_BAD = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd\ud800-\udfff]")
_BAD_OR_PRIVATE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd\ud800-\udfff\ue000-\uf8ff]")


def _bad_ratio(text: str, private_use: bool = True) -> float:
    """Share of characters that never occur in a text file (controls, replacement chars;
    with ``private_use``, private-use characters too — but valid UTF-8 may hold them: real
    texts carry rare characters there)."""
    if not text:
        return 0.0
    return len((_BAD_OR_PRIVATE if private_use else _BAD).findall(text)) / len(text)


def _utf16_guess(data: bytes) -> str | None:
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ratio = _bad_ratio(text)
        if ratio < 0.01 and (best is None or ratio < best[0]):
            best = (ratio, text)
    return best[1] if best else None


def decode_text(data: bytes, source: str = "<input>") -> str:
    """Decode a plain-text regulation. Raises FtzlawError for empty or binary input."""
    if not data.strip():
        raise FtzlawError("the input is empty", source=source)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1 if enc == "utf-8-sig" else None
                raise FtzlawError(f"invalid {enc} text at byte {exc.start}", source=source,
                                  line=line) from None
    if b"\x00" in data:
        text = _utf16_guess(data)
        if text is None:
            raise FtzlawError("this looks like a binary file, not text", source=source)
        return text
    first_error = None
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            if first_error is None:
                first_error = exc
            continue
        # A stray control character or two is the text's problem, reported by the importer
        # with its line; many of them mean this is not text at all.
        if _bad_ratio(text, enc != "utf-8") * len(text) <= max(3, 0.001 * len(text)):
            return text
    where = ""
    if first_error is not None:
        line = data.count(b"\n", 0, first_error.start) + 1
        where = (f" (first invalid UTF-8 byte 0x{data[first_error.start]:02X} on line {line}, "
                 f"byte {first_error.start})")
    raise FtzlawError("not readable as UTF-8, UTF-16 or GB18030 text (binary file?)" + where,
                      source=source)


def is_docx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _check_zip_size(data: bytes, source: str) -> None:
    """Refuse a .docx whose parts would unpack to more than MAX_INPUT_BYTES (a zip bomb: 1.5
    MB that unpacks to 455 MB). The sizes are the archive's own; zipfile never unpacks a
    part beyond its stated size, so the stated sizes bound what is read."""
    from ..files import MAX_INPUT_BYTES

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FtzlawError(f"not a readable .docx file ({exc})", source=source) from None
    if total > MAX_INPUT_BYTES:
        raise FtzlawError(f"the .docx unpacks to {total // (1024 * 1024)} MiB; ftzlaw reads at "
                          f"most {MAX_INPUT_BYTES // (1024 * 1024)} MiB (a zip bomb?)",
                          source=source, code="INPUT-SIZE")


def docx_to_text(data: bytes, source: str = "<input>") -> str:
    """The paragraphs of a Word document, one per line, in document order; a table's cells
    are read row by row (a merged cell once)."""
    _check_zip_size(data, source)
    try:
        import docx  # python-docx; imported lazily to keep CLI start-up fast
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FtzlawError(f"not a readable .docx file ({exc})", source=source) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError etc.
        raise FtzlawError(f"not a readable .docx file ({type(exc).__name__})", source=source) from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            seen = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def read_text(data: bytes, source: str = "<input>") -> str:
    """Text of any supported input: .docx by content, otherwise decoded plain text."""
    if is_docx(data):
        return docx_to_text(data, source)
    return decode_text(data, source)
