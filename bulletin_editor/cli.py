"""Command line: the same through `bulletin-editor` and `python -m bulletin_editor`.

With a subcommand it works without a window; without one it starts the desktop editor.
Usage errors exit 2, other failures 1, each with one line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BulletinError

PROG = "bulletin-editor"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exits 2 too; keep it to one line
        self.exit(2, f"{self.prog}: 命令行参数有误：{message}（用 --help 查看用法）\n")


def _export(args: argparse.Namespace) -> None:
    from .formats.bulletin import load_issue, load_sample
    from .formats.docx.writer import export_docx

    issue = load_sample() if args.sample else load_issue(args.file)
    export_docx(issue, args.output)


def _sample(args: argparse.Namespace) -> None:
    from .formats.bulletin import load_sample, save_issue

    save_issue(load_sample(), args.output)


def _import(args: argparse.Namespace) -> None:
    from .formats.bulletin import save_issue
    from .formats.docx.reader import read_docx

    result = read_docx(args.file)
    save_issue(result.issue, args.output)
    for line in result.report:  # what needed a guess, for the user to check
        print(line)


def _stats(args: argparse.Namespace) -> None:
    import json

    from .formats.excel.reader import KEYS, figure_name, read_figures

    reading = read_figures(args.file)
    if args.json:
        print(json.dumps(reading.to_json(), ensure_ascii=False))
        return
    for category, measure in KEYS:
        value = getattr(getattr(reading.figures, category), measure)
        print(f"{figure_name((category, measure))}\t{value:,}\t{reading.sources[category, measure]}")
    if reading.remembered:
        print("（按上次手动选择的单元格读取）")


def _pages(args: argparse.Namespace) -> None:
    import json

    from .formats.bulletin import load_issue, load_sample
    from .model.pagination import paginate
    from .ui.font_metrics import application_metrics

    issue = load_sample() if args.sample else load_issue(args.file)
    pagination = paginate(issue, application_metrics())
    if args.json:
        print(json.dumps({"pages": len(pagination.pages), "ends": pagination.ends}, ensure_ascii=False))
        return
    print(f"共 {len(pagination.pages)} 页")
    for number, end in enumerate(pagination.ends, start=1):
        print(f"第 {number} 页止于：{end}")
    for finding in pagination.findings:
        print(finding.message)


def _stats_template(args: argparse.Namespace) -> None:
    from .formats.excel.template import write_template

    write_template(args.output)


def _subcommands() -> tuple[_Parser, argparse._SubParsersAction]:
    parser = _Parser(prog=PROG, description="周报编辑器：编辑、归档并按公文格式导出《窗口工作周报》")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    export = commands.add_parser("export", help="把周报导出为 Word 文档（.docx）")
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, help="周报文件（.bulletin）")
    source.add_argument("--sample", action="store_true", help="导出内置样例（2022年第28期）")
    export.add_argument("-o", "--output", type=Path, required=True, help="输出的 .docx 文件")
    export.set_defaults(run=_export)

    sample = commands.add_parser("sample", help="把内置样例保存为周报文件")
    sample.add_argument("-o", "--output", type=Path, required=True, help="输出的 .bulletin 文件")
    sample.set_defaults(run=_sample)

    importer = commands.add_parser(
        "import", help="把 Word 文档（.docx，本程序导出的或手工排的往期周报）导入为周报文件"
    )
    importer.add_argument("file", type=Path, help="Word 文档（.docx）")
    importer.add_argument("-o", "--output", type=Path, required=True, help="输出的 .bulletin 文件")
    importer.set_defaults(run=_import)

    stats = commands.add_parser("stats", help="从 Excel 统计表（.xlsx/.xlsm）读出六个统计数字")
    stats.add_argument("file", type=Path, help="统计工作簿")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出数字及其所在单元格")
    stats.set_defaults(run=_stats)

    pages = commands.add_parser("pages", help="按公文版式分页：共几页、每页止于哪几个字")
    pages_source = pages.add_mutually_exclusive_group(required=True)
    pages_source.add_argument("file", nargs="?", type=Path, help="周报文件（.bulletin）")
    pages_source.add_argument("--sample", action="store_true", help="内置样例（2022年第28期）")
    pages.add_argument(
        "--json", action="store_true", help='以 JSON 输出：{"pages": 页数, "ends": [每页末尾的字]}'
    )
    pages.set_defaults(run=_pages)

    stats_template = commands.add_parser("stats-template", help="保存空白统计模板（.xlsx）")
    stats_template.add_argument("-o", "--output", type=Path, required=True, help="输出的 .xlsx 文件")
    stats_template.set_defaults(run=_stats_template)
    return parser, commands


def _editor_parser() -> _Parser:
    parser = _Parser(prog=PROG, description="周报编辑器。子命令见 `bulletin-editor export --help` 等。")
    # Not argparse's "version" action: reading the version costs import time every run.
    parser.add_argument("--version", action="store_true", help="显示版本号")
    parser.add_argument("file", nargs="?", type=Path, help="要打开的周报文件")
    parser.add_argument("--sample", action="store_true", help="打开内置样例")
    return parser


def main(argv: list[str] | None = None) -> int:
    _attach_console()
    argv = sys.argv[1:] if argv is None else argv
    subcommands, commands = _subcommands()
    if argv and argv[0] in commands.choices:
        args = subcommands.parse_args(argv)
        try:
            args.run(args)
        except BulletinError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        return 0
    args = _editor_parser().parse_args(argv)
    if args.version:
        from . import __version__

        print(f"{PROG} {__version__}")
        return 0
    from .app.startup import run_editor

    return run_editor(args.file, sample=args.sample)


def _attach_console() -> None:
    """A GUI-script on Windows has no stdout/stderr: borrow the console it was started from."""
    if sys.platform != "win32" or sys.stderr is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")
