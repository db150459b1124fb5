"""Reads an .xlsx with openpyxl (an independent reader) and prints it as JSON for a test.

Usage: /usr/bin/python3 read-xlsx.py FILE.xlsx
Cells that are dates print as {"date": "YYYY-MM-DDTHH:MM:SS"}, so a test can tell a real Excel
date from text that merely looks like one.
"""
import datetime
import json
import sys

import openpyxl


def cell(value):
    if isinstance(value, datetime.datetime):
        return {"date": value.isoformat()}
    return value


def main(path):
    wb = openpyxl.load_workbook(path, read_only=False)
    sheets = []
    for ws in wb.worksheets:
        sheets.append({
            "title": ws.title,
            "freeze": ws.freeze_panes,
            "autoFilter": ws.auto_filter.ref,
            "widths": [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(ws.max_column)],
            "rows": [[cell(v) for v in row] for row in ws.iter_rows(values_only=True)],
        })
    json.dump(sheets, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
