#!/usr/bin/env python3
"""Run QualCoder's own REFI-QDA import on an export of ours and print what it stored.

Usage (a QualCoder clone, and a Python with PyQt6, pymupdf, Pillow, python-vlc and
charset-normalizer installed; no window is shown):

    python3 tools/consumers/qualcoder_import.py QUALCODER_CLONE notes.qdpx
    python3 tools/consumers/qualcoder_import.py QUALCODER_CLONE codebook.qdc

QualCoder's project tables are created from the CREATE TABLE statements of its own
`src/qualcoder/__main__.py`; its `refi.RefiImport` then reads the file as the app's
"Import REFI-QDA project/codebook" menu would. Only the app object around it, the file
dialog and the closing message box are stood in for (and the media player, which needs
PulseAudio and no text import uses). Prints the codes (with parent and description), each
source's memo, every coding (span, owner, memo, and whether the span selects the text
QualCoder stored), the file attributes and the coder QualCoder switched to.
"""
import builtins
import os
import re
import sqlite3
import sys
import tempfile
import types


def tables(clone):
    source = open(os.path.join(clone, "src/qualcoder/__main__.py"), encoding="utf-8").read()
    statements = []
    for call in re.findall(r'cur\.execute\(\s*((?:"[^"]*"\s*)+)\)', source):
        sql = "".join(re.findall(r'"([^"]*)"', call))
        if sql.startswith("CREATE TABLE") and sql.split()[2] not in {s.split()[2] for s in statements}:
            statements.append(sql)
    return ";\n".join(statements) + ";\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    clone, path = sys.argv[1], os.path.abspath(sys.argv[2])
    kind = "qdc" if path.lower().endswith(".qdc") else "qdpx"
    builtins._ = lambda s: s
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, os.path.join(clone, "src"))
    from PyQt6 import QtWidgets
    qapp = QtWidgets.QApplication([])  # kept alive for the import's widgets
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (path, "ok"))
    media = types.ModuleType("qualcoder.media_player_qt")
    media.MediaInstance = object
    media.make_vlc_instance = lambda *a, **k: None
    sys.modules["qualcoder.media_player_qt"] = media
    from qualcoder import helpers, refi
    helpers.Message.exec = lambda self: 0

    conn = sqlite3.connect(":memory:")
    conn.executescript(tables(clone))
    project = tempfile.mkdtemp(prefix="qualcoder-project-")
    os.makedirs(os.path.join(project, "documents"))

    class App:
        settings = {"directory": project, "codername": "default", "ai_enable": "False",
                    "fontsize": 10, "docfontsize": 10, "stylesheet": "", "language": "en"}
        ai_models = []
        project_path = project
        project_events = None

        def __init__(self):
            self.conn = conn

        def write_config_ini(self, *args):
            pass

        def __getattr__(self, name):
            return lambda *a, **k: None

    log = []
    refi.RefiImport(App(), types.SimpleNamespace(append=log.append), kind)
    print("\n".join(line for line in log if "oaded" in line))
    print("coder:", App.settings["codername"])
    for row in conn.execute("select cid, name, memo, color, supercid from code_name"):
        print("code:", row)
    for fid, name, memo, text in conn.execute("select id, name, memo, fulltext from source"):
        print("source:", fid, name, "memo:", repr(memo))
        for cid, start, end, quote, owner, note in conn.execute(
                "select cid, pos0, pos1, seltext, owner, memo from code_text where fid=?", (fid,)):
            print(f"  coding code {cid} {start}-{end} {quote!r} owner {owner!r} memo {note!r} "
                  f"selects its text: {text[start:end] == quote}")
    for row in conn.execute("select name, attr_type, value, id from attribute"):
        print("attribute:", row)
    qapp.quit()


if __name__ == "__main__":
    main()
