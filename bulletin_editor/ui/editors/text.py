"""Free text: unnumbered paragraphs."""

from ...model import Item
from .items import ItemsEditor


class TextEditor(ItemsEditor):
    ADD_TEXT = "新增段落"

    def item_label(self, number: str, item: Item) -> str:
        text = item.text.replace("\n", " ")
        return (text[:36] + "…" if len(text) > 36 else text) or "（空）"
