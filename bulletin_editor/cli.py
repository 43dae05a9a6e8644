"""Command line: the same through `bulletin-editor` and `python -m bulletin_editor`.

With a subcommand it works without a window; without one it starts the desktop editor.
Usage errors exit 2, other failures 1, each with one line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from . import argparse_zh
from .errors import BulletinError

PROG = "bulletin-editor"
EDITOR_SUFFIXES = (".bulletin", ".docx")  # a name that is not a command opens the editor only with these
STRICT_FINDINGS_EXIT = 3  # check --strict: findings, as distinct from usage errors (2) and failures (1)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exits 2 too; keep it to one line
        self.exit(2, f"{self.prog}: 命令行参数有误：{message}（用 --help 查看用法）\n")


def _check_suffix(
    parser: argparse.ArgumentParser, suffix: str | tuple[str, ...], path: Path, what: str
) -> None:
    suffixes = (suffix,) if isinstance(suffix, str) else suffix
    if path.suffix.lower() not in suffixes and not path.is_dir():  # a folder: the writer says so
        parser.error(f"{what}必须以 {' 或 '.join(suffixes)} 结尾：{path.name}")


def _load(path: Path):
    """An issue file, or a Word issue read back (an export exactly, other issues by their text)."""
    from .formats.bulletin import load_issue

    if path.suffix.lower() != ".docx":
        return load_issue(path)
    from .formats.docx.reader import read_docx

    return read_docx(path).issue


def _refuse_overwriting(args: argparse.Namespace, guard_issues: bool = False) -> None:
    """Before any work: a name the system refuses or the input as output is refused; with
    `guard_issues` (an output of any suffix), so is an issue file unless --force."""
    from .storage.atomic import check_file_name

    output: Path = args.output
    check_file_name(output)
    source = getattr(args, "file", None)
    if source is not None and _same_file(source, output):
        raise BulletinError(f"输出文件“{output.name}”就是输入文件，不能覆盖它：请用 -o 另给一个文件名")
    if guard_issues and not args.force and output.suffix.lower() == ".bulletin" and output.is_file():
        raise BulletinError(
            f"“{output.name}”是一个周报文件，不能用其他格式覆盖它：请换一个文件名，或加 --force 覆盖"
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _save_issue(issue, output: Path) -> None:
    """Save as the editor does: an issue written over keeps its previous content as a version."""
    from .storage.versions import save_with_version

    if save_with_version(issue, output):
        print(f"原有的“{output.name}”已保留为历史版本（在 .versions 文件夹中）")


def _export(args: argparse.Namespace) -> None:
    from .formats.bulletin import load_issue, load_sample
    from .formats.docx.writer import export_docx

    _refuse_overwriting(args)
    issue = load_sample() if args.sample else load_issue(args.file)
    if args.output.suffix.lower() == ".pdf":
        from .formats.office import export_pdf

        export_pdf(issue, args.output)
    else:
        export_docx(issue, args.output, embed=not args.release)


def _print(args: argparse.Namespace) -> None:
    from .formats.bulletin import load_sample
    from .formats.office import print_issue

    issue = load_sample() if args.sample else _load(args.file)
    route = print_issue(issue, args.printer, args.copies)
    print(f"已通过 {route} 送往打印机（{args.copies} 份）")


def _next(args: argparse.Namespace) -> None:
    from .model.next_issue import next_issue
    from .model.printed import issue_line

    if args.output.resolve() == args.file.resolve():
        raise BulletinError(f"输出文件不能是输入文件本身：“{args.file.name}”是上一期，不能被覆盖")
    new = next_issue(_load(args.file))
    _save_issue(new, args.output)
    print(f"已生成{issue_line(new)}：{args.output}")


def _previous_in_archive(issue, folder: Path | None):
    """Last week's issue from the archive folder, or None (no folder given, or not found)."""
    if folder is None:
        return None
    from .formats.bulletin import load_issue
    from .storage.archive import Archive

    if not folder.is_dir():
        raise BulletinError(f"找不到归档文件夹“{folder}”")
    found = Archive(folder).previous_of(issue)
    return load_issue(found) if found is not None else None


def _check(args: argparse.Namespace) -> int:
    import json

    from .model.checks import check_issue, comparison_note, paragraph_numbers, split_ignored
    from .model.printed import printed_paragraphs
    from .storage import settings
    from .storage.word_lists import user_words

    issue = _load(args.file)
    previous = _previous_in_archive(issue, args.archive)
    words = user_words()
    limit = args.page_limit or settings.page_limit()
    if args.fix is not None:
        _fix_all(issue, check_issue(issue, previous, words), args)  # the pages' findings have no fix
    findings, ignored = split_ignored(issue, check_issue(issue, previous, words, _pagination(issue, limit)))
    number_of = paragraph_numbers(printed_paragraphs(issue))
    rows = [
        {
            "code": f.code,
            "paragraph": number_of(f.place),
            "excerpt": f.excerpt,
            "message": f.message,
            "fix": f.fix.description if f.fix else None,
        }
        for f in findings
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(comparison_note(issue, previous, searched=args.archive is not None))
        for row in rows:
            where = f"第{row['paragraph']}段" if row["paragraph"] else "全文"
            quoted = f"（“{row['excerpt']}”）" if row["excerpt"] else ""
            print(f"{where}\t{row['code']}\t{row['message']}{quoted}")
        print(f"共 {len(rows)} 个问题" if rows else "未发现问题")
        if ignored:
            print(f"另有 {len(ignored)} 个已忽略的问题（忽略记录保存在周报文件中）")
    return STRICT_FINDINGS_EXIT if args.strict and rows else 0


def _pagination(issue, page_limit: int | None):
    """The issue's pages measured with this PC's fonts, or None when it cannot print."""
    from .model.pagination import paginate
    from .ui.font_metrics import application_metrics

    try:
        return paginate(issue, application_metrics(), page_limit=page_limit)
    except BulletinError:  # a broken statistics template: its own check reports it
        return None


def _fix_all(issue, findings, args: argparse.Namespace) -> None:
    """Apply every one-click fix (what needs judgment stays) and save the result as a new file."""
    from .formats.bulletin import save_issue
    from .model.checks import split_ignored
    from .model.proofread import fixed_texts

    if args.fix.resolve() == args.file.resolve():
        raise BulletinError(f"修正后的周报不能覆盖原文件“{args.file.name}”，请另指定输出文件")
    active, _ = split_ignored(issue, findings)
    fixes = [(f.place, f.fix) for f in active if f.fix is not None]
    for owner, attr, text in fixed_texts(issue, fixes):
        setattr(owner, attr, text)
    save_issue(issue, args.fix)
    if not args.json:
        print(f"已修正 {len(fixes)} 处，保存为“{args.fix}”；以下是修正后的检查结果")


def _sample(args: argparse.Namespace) -> None:
    from .formats.bulletin import load_sample

    _refuse_overwriting(args)
    _save_issue(load_sample(), args.output)


def _import(args: argparse.Namespace) -> None:
    from .formats.docx.reader import read_docx

    _refuse_overwriting(args)
    result = read_docx(args.file)
    _save_issue(result.issue, args.output)
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

    from .formats.bulletin import load_sample
    from .model.pagination import paginate
    from .ui.font_metrics import application_metrics

    issue = load_sample() if args.sample else _load(args.file)
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

    _refuse_overwriting(args, guard_issues=True)
    write_template(args.output)


def _collect(args: argparse.Namespace) -> None:
    import json

    from .formats.bulletin import load_issue
    from .formats.submissions import read_submissions
    from .model.submissions import apply, propose

    if args.output.resolve() == args.into.resolve():
        raise BulletinError("输出文件不能是收集进去的那一期本身：请用 -o 另给一个文件名")
    issue = load_issue(args.into)
    from .storage.word_lists import user_departments

    previous = _previous_in_archive(issue, args.archive)
    collection = propose(issue, read_submissions(args.files), previous, departments=user_departments())
    apply(collection)
    _save_issue(issue, args.output)
    if args.json:
        rows = [
            {
                "file": p.file,
                "section": p.section.title,
                "department": p.department,
                "text": p.text,
                **(
                    {"date": p.visit.date.isoformat() if p.visit.date else None, "leader": p.visit.leader}
                    if p.visit
                    else {}
                ),
            }
            for p in collection.proposals
            if p.include
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return
    for p in collection.proposals:
        mark = "＋" if p.include else f"×（{p.duplicate}）"
        print(f"{mark} {p.file} → {p.section.title}：{p.text[:20]}…")
    for line in collection.report:  # what needed a guess, for the user to check
        print(line)


def _archive(args: argparse.Namespace) -> None:
    from .storage.archive import Archive

    archive = Archive(args.dir)
    try:
        if args.action == "import":
            from .storage.archive import import_docx_folder

            print(import_docx_folder(archive, args.folder).summary())
            return
        if not archive.folder.is_dir():
            raise BulletinError(f"归档文件夹“{archive.folder}”不存在")
        if args.action == "reindex":
            archive.reindex()
            rows = archive.rows(refresh=False)
            unreadable = sum(1 for row in rows if row[6])
            print(f"已重建归档索引：共 {len(rows) - unreadable} 期，{unreadable} 个文件无法读取")
            return
        stats = archive.refresh()
        if stats.busy:
            print(f"{PROG}: 归档索引正被另一个程序更新，以下结果可能不是最新的", file=sys.stderr)
        if args.action == "list":
            _archive_list(archive.entries(refresh=False), args.json)
        else:
            _archive_search(archive.search(" ".join(args.words), args.limit, refresh=False), args)
    finally:
        archive.close()


def _archive_list(entries, as_json: bool) -> None:
    if as_json:
        import json

        print(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False, indent=1))
        return
    for e in entries:
        if e.error:
            print(f"{e.path.name}\t无法读取：{e.error}")
        else:
            print(f"{e.year}\t{e.number}\t{e.total_number}\t{e.issue_date}\t{e.period}\t{e.path.name}")


def _entry_json(e) -> dict:
    return {
        "file": e.path.name,
        "path": str(e.path),
        "year": e.year,
        "number": e.number,
        "total_number": e.total_number,
        "issue_date": e.issue_date.isoformat() if e.issue_date else None,
        "period": e.period if not e.error else None,
        "error": e.error or None,
    }


def _archive_search(hits, args: argparse.Namespace) -> None:
    if args.json:
        import json

        print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=1))
    else:
        for h in hits:
            print(f"{h.label}\t{h.date or h.issue_date}\t{h.place}\t{h.text}\t{h.path.name}")
    if len(hits) >= args.limit:
        print(f"{PROG}: 只列出最新的 {args.limit} 条（可用 --limit 增加）", file=sys.stderr)


def _hit_json(h) -> dict:
    return {
        "file": h.path.name,
        "path": str(h.path),
        "year": h.year,
        "number": h.number,
        "issue_date": h.issue_date.isoformat(),
        "place": h.place,
        "text": h.text,
        "source": list(h.source.indexes),
        "date": h.date.isoformat() if h.date else None,
        "department": h.department,
        "leader": h.leader,
    }


def _whole_number(most: int, name: str = "") -> Callable[[str], int]:
    """An argument type: a whole number from 1 to `most`; else a message naming `name`."""

    def parse(text: str) -> int:
        if not text.isdigit() or not 0 < int(text) <= most:
            raise argparse.ArgumentTypeError(f"{name}应为 1 到 {most} 之间的整数：{text}")
        return int(text)

    return parse


_positive = _whole_number(100_000)


def _add_archive(commands: argparse._SubParsersAction) -> None:
    archive = commands.add_parser("archive", help="列出、搜索、导入归档中的各期周报，或重建归档索引")
    archive.add_argument("--dir", type=Path, help="归档文件夹（默认为设置中的归档文件夹）")
    actions = archive.add_subparsers(dest="action", required=True, parser_class=_Parser)
    listing = actions.add_parser("list", help="列出归档中的各期（无法读取的文件也列出并说明原因）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    search = actions.add_parser("search", help="全文搜索各期的条目（多个词须同时出现）")
    search.add_argument("words", nargs="+", help="要搜索的词")
    search.add_argument("--json", action="store_true", help="以 JSON 输出")
    search.add_argument("--limit", type=_positive, default=500, help="最多列出多少条（默认 500）")
    importer = actions.add_parser("import", help="把一个文件夹里的往期 Word 周报（.docx）导入归档")
    importer.add_argument("folder", type=Path, help="存放往期 Word 周报的文件夹")
    actions.add_parser("reindex", help="重新读取归档中的每个文件，重建归档索引")
    archive.set_defaults(run=_archive)


def _subcommands() -> tuple[_Parser, argparse._SubParsersAction]:
    parser = _Parser(prog=PROG, description="周报编辑器：编辑、归档并按公文格式导出《窗口工作周报》")
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, title="命令", metavar="命令"
    )

    export = commands.add_parser("export", help="把周报导出为 Word 文档（.docx）或 PDF（.pdf）")
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, help="周报文件（.bulletin）")
    source.add_argument("--sample", action="store_true", help="导出内置样例（2022年第28期）")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="输出的 .docx 文件，或 .pdf 文件（经 Word、WPS 或 LibreOffice 转换）",
    )
    export.add_argument(
        "--release", action="store_true", help="导出发布稿：不含任何内嵌数据（再打开时只按文字读取）"
    )
    export.set_defaults(run=_export, output_suffix=((".docx", ".pdf"), "输出文件"))

    following = commands.add_parser("next", help="由一期周报生成下一期（期号、日期、时间段顺延）")
    following.add_argument("file", type=Path, help="上一期周报（.bulletin 或 .docx）")
    following.add_argument("-o", "--output", type=Path, required=True, help="输出的 .bulletin 文件")
    following.set_defaults(run=_next, output_suffix=(".bulletin", "输出文件"))

    from .storage.settings import MAX_PAGE_LIMIT

    check = commands.add_parser("check", help="导出前检查：列出本期的问题（与归档中的上一期对照）")
    check.add_argument("file", type=Path, help="周报（.bulletin 或 .docx）")
    check.add_argument("--archive", type=Path, metavar="DIR", help="归档文件夹：在其中查找上一期作对照")
    check.add_argument(
        "--json", action="store_true", help="以 JSON 数组输出问题（code、paragraph、excerpt、message、fix）"
    )
    check.add_argument("--strict", action="store_true", help="有问题时以退出码 3 结束")
    check.add_argument(
        "--fix",
        type=Path,
        metavar="OUT.bulletin",
        help="做完所有可一键修正的修正，另存为 OUT.bulletin 后再检查",
    )
    check.add_argument(
        "--page-limit",
        type=_whole_number(MAX_PAGE_LIMIT, "页数上限"),
        metavar="N",
        help="页数上限：超过 N 页时列为问题（默认为编辑器中设置的上限）",
    )
    check.set_defaults(run=_check)

    sample = commands.add_parser("sample", help="把内置样例保存为周报文件")
    sample.add_argument("-o", "--output", type=Path, required=True, help="输出的 .bulletin 文件")
    sample.set_defaults(run=_sample, output_suffix=(".bulletin", "输出文件"))

    importer = commands.add_parser(
        "import", help="把 Word 文档（.docx，本程序导出的或手工排的往期周报）导入为周报文件"
    )
    importer.add_argument("file", type=Path, help="Word 文档（.docx）")
    importer.add_argument("-o", "--output", type=Path, required=True, help="输出的 .bulletin 文件")
    importer.set_defaults(run=_import, output_suffix=(".bulletin", "输出文件"))

    stats = commands.add_parser(
        "stats", help="从统计工作簿（.xlsx、.xlsm、.xlsb、.xls、WPS 的 .et、.ods）读出六个统计数字"
    )
    stats.add_argument("file", type=Path, help="统计工作簿")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出数字及其所在单元格")
    stats.set_defaults(run=_stats)

    stats_template = commands.add_parser("stats-template", help="保存空白统计模板（.xlsx）")
    stats_template.add_argument("-o", "--output", type=Path, required=True, help="输出的 .xlsx 文件")
    stats_template.add_argument("--force", action="store_true", help="输出文件是周报文件时也覆盖它")
    stats_template.set_defaults(run=_stats_template)

    collect = commands.add_parser("collect", help="把各窗口的投稿（.docx/.txt）收集进一期周报")
    collect.add_argument(
        "files",
        nargs="+",
        type=Path,
        help="投稿文件（.docx、.txt；装有 Word、WPS 或 LibreOffice 时也可 .doc、.wps）",
    )
    collect.add_argument(
        "--into", type=Path, required=True, metavar="ISSUE.bulletin", help="收集进去的周报文件（不会被改动）"
    )
    collect.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.bulletin", help="输出的周报文件"
    )
    collect.add_argument("--json", action="store_true", help="以 JSON 列出加入的每一条")
    collect.add_argument("--archive", type=Path, metavar="DIR", help="归档文件夹：上一期已登过的条目不再加入")
    collect.set_defaults(run=_collect)
    pages = commands.add_parser("pages", help="按公文版式分页：共几页、每页止于哪几个字")
    pages_source = pages.add_mutually_exclusive_group(required=True)
    pages_source.add_argument("file", nargs="?", type=Path, help="周报（.bulletin 或 .docx）")
    pages_source.add_argument("--sample", action="store_true", help="内置样例（2022年第28期）")
    pages.add_argument(
        "--json", action="store_true", help='以 JSON 输出：{"pages": 页数, "ends": [每页末尾的字]}'
    )
    pages.set_defaults(run=_pages)

    printer = commands.add_parser("print", help="按公文版式打印周报（经 Word、WPS 或 LibreOffice）")
    print_source = printer.add_mutually_exclusive_group(required=True)
    print_source.add_argument("file", nargs="?", type=Path, help="周报（.bulletin 或 .docx）")
    print_source.add_argument("--sample", action="store_true", help="打印内置样例（2022年第28期）")
    printer.add_argument("--printer", help="打印机名称（默认：系统默认打印机）")
    printer.add_argument("--copies", type=_positive, default=1, help="份数（默认 1）")
    printer.set_defaults(run=_print)

    _add_archive(commands)
    return parser, commands


def _editor_parser(commands: argparse._SubParsersAction) -> _Parser:
    listing = "\n".join(f"  {c.dest:<16}{c.help}" for c in commands._choices_actions)
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} [--sample] [FILE]\n       {PROG} 命令 …",
        description="周报编辑器：编辑、归档并按公文格式导出《窗口工作周报》。不带命令时打开编辑器。",
        epilog=f"命令（各命令的用法见 {PROG} 命令 --help）：\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Not argparse's "version" action: reading the version costs import time every run.
    parser.add_argument("--version", action="store_true", help="显示版本号")
    parser.add_argument("file", nargs="?", type=Path, help="要打开的周报文件")
    parser.add_argument("--sample", action="store_true", help="打开内置样例")
    return parser


def main(argv: list[str] | None = None) -> int:
    _attach_console()
    argparse_zh.install()
    argv = sys.argv[1:] if argv is None else argv
    if _just_the_editor(argv):  # the usual start: no parser is built, the window comes sooner
        from .app.startup import run_editor

        return run_editor(
            Path(argv[0]) if argv and argv[0] != "--sample" else None, sample=argv == ["--sample"]
        )
    subcommands, commands = _subcommands()
    if argv and argv[0] in commands.choices:
        args = subcommands.parse_args(argv)
        if "output_suffix" in args:
            _check_suffix(
                commands.choices[argv[0]], args.output_suffix[0], args.output, args.output_suffix[1]
            )
        if getattr(args, "fix", None) is not None:
            _check_suffix(commands.choices[argv[0]], ".bulletin", args.fix, "--fix 的输出文件")
        try:
            return args.run(args) or 0
        except BulletinError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
    editor = _editor_parser(commands)
    _refuse_unknown_command(editor, argv, list(commands.choices))
    args = editor.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"{PROG} {__version__}")
        return 0
    from .app.startup import run_editor

    return run_editor(args.file, sample=args.sample)


def _just_the_editor(argv: list[str]) -> bool:
    """No arguments, --sample, or one issue file: what the parser would make of it is known."""
    if len(argv) != 1:
        return not argv
    return argv[0] == "--sample" or (
        not argv[0].startswith("-") and argv[0].lower().endswith(EDITOR_SUFFIXES)
    )


def _refuse_unknown_command(parser: _Parser, argv: list[str], names: list[str]) -> None:
    """`bulletin-editor exprot …` is a mistyped command, not a file to open in the editor: only
    an existing file, or a name ending in .bulletin or .docx, opens the editor."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or first.lower().endswith(EDITOR_SUFFIXES) or Path(first).is_file():
        return
    import difflib

    close = difflib.get_close_matches(first, names, n=1)
    hint = f"（是不是要用 {close[0]}？）" if close else ""
    parser.error(f"没有这个命令：{first}，可用的命令有 {'、'.join(names)}{hint}")


def _attach_console() -> None:
    """A GUI-script on Windows has no stdout/stderr: borrow the console it was started from."""
    if sys.platform != "win32" or sys.stderr is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")
        sys.stderr = open("CONOUT$", "w", encoding="utf-8")
