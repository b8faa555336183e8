"""Pages nested deeper than libxml2 can parse (about 2,000 levels), made shallow enough to read.

Past MAX_DEPTH open elements, wrapper tags (div, span, section, …) are dropped, start and end
alike; their text, and the tags that shape an article (paragraphs, headings, line breaks,
quotations, lists), are kept. The page's other markup is copied as it was written, so
trafilatura still sees the classes and ids it judges boilerplate by. Linear in the page's size.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

MAX_DEPTH = 1_000  # open elements kept; libxml2 gives up at about 2,000 even with huge_tree
KEEP = frozenset({"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "q", "ul", "ol",
                  "li", "article", "main", "title", "head", "body", "html", "meta", "time"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: name, whether written out
        self.depth = 0  # open elements written out
        self.open: Counter[str] = Counter()  # open elements by name

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        keep = self.depth < MAX_DEPTH or tag in KEEP
        if keep:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID:
            self.stack.append((tag, keep))
            self.open[tag] += 1
            self.depth += keep

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth < MAX_DEPTH or tag in KEEP:
            self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open[tag]:
            return  # a stray end tag: nothing to close
        while self.stack:
            name, kept = self.stack.pop()
            self.open[name] -= 1
            self.depth -= kept
            if kept:
                self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def flatten(text: str) -> str:
    """The page with its elements past MAX_DEPTH unwrapped (text and article tags kept)."""
    parser = _Flattener()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)
