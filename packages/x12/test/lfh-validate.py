"""
Reads each X12 file named on the command line with LinuxForHealth x12's X12ModelReader (the
pydantic models of the 5010 implementation guides) and prints OK with the model, or the error.
Exit status 1 when any file fails. A dev-time check only; see packages/x12/README.md:
  PYTHONPATH=/work/lfh-x12/src /usr/bin/python3 packages/x12/test/lfh-validate.py DIR/*.270
"""
import sys

from linuxforhealth.x12.io import X12ModelReader

failed = 0
for path in sys.argv[1:]:
    try:
        with X12ModelReader(path) as reader:
            models = list(reader.models())
        names = sorted({type(m).__module__.split(".")[-2] for m in models})
        print(f"OK   {path}: {len(models)} transaction set(s) {', '.join(names)}")
    except Exception as error:  # the reader raises pydantic ValidationError and others
        failed += 1
        print(f"FAIL {path}: {type(error).__name__}: {error}")
sys.exit(1 if failed else 0)
