"""The ``ftzlaw`` command: a click group whose subcommands load lazily, so that
``ftzlaw --help`` and every command start without importing lxml, typst or docx."""

from __future__ import annotations

import importlib
import importlib.util

import click

from .. import __version__

# name → "module:function" (modules under ftzlaw.cli)
COMMANDS = {
    "import": "import_cmd:import_command",
    "validate": "validate_cmd:validate_command",
    "render": "render_cmd:render_command",
    "diff": "diff_cmd:diff_command",
    "amend": "amend_cmd:amend_command",
    "compare": "compare_cmd:compare_command",
    "store": "store_cmd:store_group",
    "log": "store_cmd:log_command",
    "show": "store_cmd:show_command",
    "blame": "store_cmd:blame_command",
    "index": "search_cmd:index_group",
    "search": "search_cmd:search_command",
    "spread": "search_cmd:spread_command",
}

SUMMARIES = {
    "import": "Text or Word → Akoma Ntoso XML.",
    "validate": "Check AKN against the official schema and PRC profile rules.",
    "render": "Render AKN (or text) as HTML or PDF.",
    "diff": "Compare two versions article by article (修改前后对照表).",
    "amend": "Apply an amending decision (修改决定) to a base text.",
    "compare": "Align and contrast different regulations.",
    "store": "Keep versions of works in a store.",
    "log": "Timeline of a work's versions.",
    "show": "The version in force on a date.",
    "blame": "Which version last changed each article.",
    "index": "Build or grow the corpus search index.",
    "search": "Find the most similar articles across the corpus.",
    "spread": "Which regulations carry a provision, by date.",
}


class LazyGroup(click.Group):
    def _available(self) -> dict[str, str]:
        out = {}
        for name, target in COMMANDS.items():
            module = target.split(":")[0]
            if importlib.util.find_spec(f"{__name__}.{module}") is not None:
                out[name] = target
        return out

    def list_commands(self, ctx):
        return list(self._available())

    def get_command(self, ctx, name):
        target = self._available().get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)

    def format_commands(self, ctx, formatter):
        rows = [(name, SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ftzlaw")
@click.option("--store", metavar="DIR", default=None,
              help="Store folder for WORK@DATE references and the store commands "
                   "(default: $FTZLAW_STORE or ./ftzlaw-store).")
def main(store):
    """Version and diff Chinese legislation as Akoma Ntoso 3.0.

    \b
    Examples:
      ftzlaw import texts/beijing-ftz-2022.txt --title 中国（北京）自由贸易试验区条例 \\
             --date 2022-03-31 -o beijing.xml
      ftzlaw validate beijing.xml
      ftzlaw render beijing.xml --format html -o beijing.html
      ftzlaw diff tianjin-2015.txt tianjin-2022.txt --format docx -o 对照表.docx

    Wherever a file is expected, a stored version can be named as WORK@DATE
    (tianjin@2020-01-01, or /akn/cn-tj/act/regulation/2015-12-24/ftz@2020-01-01).

    Exit codes: 0 valid / no differences, 1 invalid / differences, 2 error.
    """
    _occupy_closed_std_fds()
    if store:
        import os

        os.environ["FTZLAW_STORE"] = store


def _occupy_closed_std_fds() -> None:
    """Run with standard input or output closed (``<&-``, ``>&-``), Python leaves
    sys.stdin/sys.stdout as None and the next file opened would take descriptor 0 or 1 —
    and receive what a child process prints. Put /dev/null on each closed descriptor
    (sys.stdin/sys.stdout stay None, so reading ``-`` or writing to standard output is a
    clear error, exit 2, not a write into the wrong file)."""
    import os

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
                if null != fd:
                    os.dup2(null, fd)
                    os.close(null)
            except OSError:
                pass

