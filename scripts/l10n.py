#!/usr/bin/env python3
"""Adds or updates translations in the app's resource file.

    scripts/l10n.py add "English text" "中文"     # one string
    scripts/l10n.py add-tsv strings.tsv            # many: English<TAB>中文 per line
    scripts/l10n.py missing                        # keys used in .cshtml/.cs that have no zh-CN entry

Keys are the English text (en-US needs no file); Resources/SharedResource.zh-CN.resx holds the Chinese.
Entries are kept sorted so that concurrent additions merge cleanly.
"""
import html
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEB = os.path.join(ROOT, "src", "BathroomAftersales.Web")
RESX = os.path.join(WEB, "Resources", "SharedResource.zh-CN.resx")

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype">
    <value>text/microsoft-resx</value>
  </resheader>
  <resheader name="version">
    <value>2.0</value>
  </resheader>
  <resheader name="reader">
    <value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>
  </resheader>
  <resheader name="writer">
    <value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value>
  </resheader>
"""

DATA = re.compile(r'<data name="(.*?)" xml:space="preserve">\s*<value>(.*?)</value>\s*</data>', re.S)


def load():
    if not os.path.exists(RESX):
        return {}
    text = open(RESX, encoding="utf-8").read()
    return {html.unescape(k): html.unescape(v) for k, v in DATA.findall(text)}


def save(entries):
    def esc(s):
        return html.escape(s, quote=True)
    body = "".join(
        f'  <data name="{esc(k)}" xml:space="preserve">\n    <value>{esc(v)}</value>\n  </data>\n'
        for k, v in sorted(entries.items(), key=lambda kv: kv[0])
    )
    os.makedirs(os.path.dirname(RESX), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(RESX))
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(HEADER + body + "</root>\n")
    os.replace(tmp, RESX)


USE = re.compile(r'(?:\bL|Localizer|localizer|_localizer|T)\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]')


def used_keys():
    keys = set()
    for base, _, files in os.walk(WEB):
        if os.sep + "obj" in base or os.sep + "bin" in base:
            continue
        for name in files:
            if name.endswith((".cshtml", ".cs")):
                text = open(os.path.join(base, name), encoding="utf-8").read()
                for m in USE.finditer(text):
                    keys.add(m.group(1).replace('\\"', '"'))
    return keys


def main(argv):
    if len(argv) >= 3 and argv[0] == "add":
        entries = load()
        entries[argv[1]] = argv[2]
        save(entries)
    elif len(argv) == 2 and argv[0] == "add-tsv":
        entries = load()
        for line in open(argv[1], encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            en, zh = line.split("\t", 1)
            entries[en] = zh
        save(entries)
    elif argv[:1] == ["missing"]:
        have = load()
        missing = sorted(k for k in used_keys() if k not in have)
        for k in missing:
            print(k)
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
