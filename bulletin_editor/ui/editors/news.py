"""News items (优化营商环境, 窗口服务效能提升): one paragraph each, numbered （1） when two or more."""

from .items import ItemsEditor


class NewsEditor(ItemsEditor):
    pass
