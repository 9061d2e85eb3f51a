"""
Reads each X12 file named on the command line with LinuxForHealth x12's X12ModelReader (the
pydantic models of the 5010 implementation guides) and prints OK with the transaction sets read,
or FAIL with each validation error (where, what). Exit status 1 when any file fails. A dev-time
check only, not a dependency; see packages/x12/README.md:
  PYTHONPATH=/work/lfh-x12/src /usr/bin/python3 packages/x12/test/lfh-validate.py DIR/*
"""
import sys

from linuxforhealth.x12.io import X12ModelReader
from pydantic import ValidationError

failed = 0
for path in sys.argv[1:]:
    try:
        with X12ModelReader(path) as reader:
            models = list(reader.models())
        names = sorted({type(m).__module__.split(".")[-2] for m in models})
        print(f"OK   {path}: {len(models)} transaction set(s) {', '.join(names)}")
    except ValidationError as error:
        failed += 1
        print(f"FAIL {path}: {len(error.errors())} validation error(s)")
        for e in error.errors():
            where = " > ".join(str(x) for x in e["loc"])
            print(f"       {where}: {e['msg'][:160]}")
    except Exception as error:  # the reader also raises KeyError/ValueError on a broken layout
        failed += 1
        print(f"FAIL {path}: {type(error).__name__}: {str(error)[:200]}")
sys.exit(1 if failed else 0)
