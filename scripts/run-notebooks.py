"""Executes notebooks on the tslab kernel, each in its own folder; writes the executed copies to an output
folder; exits 1 if any cell fails. Usage: run-notebooks.py OUT_DIR NOTEBOOK..."""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

out_dir, paths = sys.argv[1], sys.argv[2:]
os.makedirs(out_dir, exist_ok=True)
failed = []
for path in paths:
    name = os.path.basename(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="tslab",
        timeout=600,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    started = time.time()
    try:
        client.execute()
        # A kernel may report an error as an output without failing the request: count those too.
        errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            raise RuntimeError("\n".join(f"{e.get('ename')}: {e.get('evalue')}" for e in errors))
        print(f"ok      {name} ({time.time() - started:.1f} s)")
    except Exception as error:  # a failing cell, a dead kernel or a timeout
        failed.append(name)
        print(f"FAILED  {name}: {error}")
    finally:
        nbformat.write(notebook, os.path.join(out_dir, name))

print(f"{len(paths) - len(failed)} notebooks passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
